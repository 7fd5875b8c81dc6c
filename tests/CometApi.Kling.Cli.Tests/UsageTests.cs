using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task A_missing_required_option_is_a_usage_error_with_exit_code_2()
    {
        var run = await KlingRunner.RunAsync("image2video", "--prompt", "hi");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--image", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("kling --help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await KlingRunner.RunAsync();

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task An_unknown_option_with_json_prints_a_usage_error_document()
    {
        var run = await KlingRunner.RunAsync("status", "1", "--frobnicate", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage", run.Json().GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var run = await KlingRunner.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "image2video", "text2video", "avatar", "lip-sync", "status", "download", "emulator" })
        {
            Assert.Contains(command, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Image2video_help_marks_only_the_image_as_required()
    {
        var run = await KlingRunner.RunAsync("image2video", "--help");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Contains("(REQUIRED)", lines.Single(line => line.TrimStart().StartsWith("--image ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(lines, line => line.Contains("(REQUIRED)", StringComparison.Ordinal));
        Assert.Contains("optional", lines.Single(line => line.TrimStart().StartsWith("--prompt ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_base_address_is_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("status", "1", "--base-address", "not a url", "--api-key", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base-address 'not a url' is not an absolute URL", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text2video_help_marks_only_the_prompt_as_required()
    {
        var run = await KlingRunner.RunAsync("text2video", "--help");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Contains("(REQUIRED)", lines.Single(line => line.TrimStart().StartsWith("--prompt ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(lines, line => line.Contains("(REQUIRED)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.TrimStart().StartsWith("--aspect-ratio ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_help_lists_the_known_kinds()
    {
        var run = await KlingRunner.RunAsync("status", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("image2video, text2video, avatar, lip-sync (default: image2video)", run.Stdout, StringComparison.Ordinal);
    }
}
