using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling multi-image2video</c> runs the same create → wait → download as the other kinds, with a repeatable <c>--image</c>.</summary>
public sealed class MultiImageToVideoCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_uses_the_emulator_waits_and_saves_a_genuine_mp4_from_two_local_images()
    {
        var output = _directory.File("meet.mp4");

        var run = await KlingRunner.RunAsync(
            "multi-image2video", "--image", KlingRunner.SampleImage, "--image", KlingRunner.SampleImage, "--prompt", "The two cats meet", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Its_options_reach_the_multi_image2video_request_body_with_files_as_raw_base64_and_urls_as_they_are()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "multi-image2video", "--image", KlingRunner.SampleImage, "--image", "https://example.com/dog.png", "--image", KlingRunner.SampleImage,
            "--prompt", "Three friends", "--negative-prompt", "blur", "--aspect-ratio", "9:16", "--mode", "pro", "--duration", "10",
            "--model", "kling-v1-6", "--cfg-scale", "0.5", "--external-id", "order-8",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("multi-image2video", run.Json().GetProperty("task").GetProperty("kind").GetString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/multi-image2video", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var fields = body.RootElement;
        var sample = Convert.ToBase64String(await File.ReadAllBytesAsync(KlingRunner.SampleImage, TestContext.Current.CancellationToken));
        Assert.Equal(
            [sample, "https://example.com/dog.png", sample],
            fields.GetProperty("image_list").EnumerateArray().Select(item => item.GetProperty("image").GetString()));
        Assert.Equal("Three friends", fields.GetProperty("prompt").GetString());
        Assert.Equal("blur", fields.GetProperty("negative_prompt").GetString());
        Assert.Equal("9:16", fields.GetProperty("aspect_ratio").GetString());
        Assert.Equal("pro", fields.GetProperty("mode").GetString());
        Assert.Equal("10", fields.GetProperty("duration").GetString());
        Assert.Equal("kling-v1-6", fields.GetProperty("model_name").GetString());
        Assert.Equal(0.5, fields.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("order-8", fields.GetProperty("external_task_id").GetString());
        Assert.Contains("--kind multi-image2video", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_image_is_an_invalid_request_that_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "multi-image2video", "--image", KlingRunner.SampleImage, "--prompt", new string('x', 501),
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The request was not sent, because:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - image_list:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - prompt:", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task A_missing_image_file_is_reported_with_json_and_exits_2()
    {
        var missing = _directory.File("missing.png");

        var run = await KlingRunner.RunAsync("multi-image2video", "--image", KlingRunner.SampleImage, "--image", missing, "--prompt", "p", "--json");

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        Assert.Equal("image_list[1].image", Assert.Single(error.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Without_an_image_or_a_prompt_it_is_a_usage_error()
    {
        var noImage = await KlingRunner.RunAsync("multi-image2video", "--prompt", "p");
        var noPrompt = await KlingRunner.RunAsync("multi-image2video", "--image", KlingRunner.SampleImage, "--image", KlingRunner.SampleImage);

        Assert.Equal((2, 2), (noImage.ExitCode, noPrompt.ExitCode));
        Assert.Contains("--image", noImage.Stderr, StringComparison.Ordinal);
        Assert.Contains("--prompt", noPrompt.Stderr, StringComparison.Ordinal);
    }
}
