using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling video-extend</c> runs the same create → wait → download as the other kinds, with its own options and no external id.</summary>
public sealed class VideoExtendCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_uses_the_emulator_waits_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("longer.mp4");

        var run = await KlingRunner.RunAsync("video-extend", "--video-id", "0d7d2a5c-5d2c-4e7f-9a43-6f0c1f4c2b11", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Json_prints_the_video_extend_task_with_its_parent_video()
    {
        var run = await KlingRunner.RunAsync("video-extend", "--video-id", "v-parent", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var task = run.Json().GetProperty("task");
        Assert.Equal("succeed", task.GetProperty("task_status").GetString());
        Assert.Equal("video-extend", task.GetProperty("kind").GetString());
        Assert.Equal("v-parent", task.GetProperty("task_info").GetProperty("parent_video").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Its_options_reach_the_video_extend_request_body_without_an_external_id()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "video-extend", "--video-id", "v-1", "--task-id", "860260283386548293", "--prompt", "keep running", "--negative-prompt", "blur",
            "--cfg-scale", "0.4", "--callback-url", "https://example.com/hook", "--no-wait", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/video-extend", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(
            """{"task_id":"860260283386548293","video_id":"v-1","prompt":"keep running","negative_prompt":"blur","cfg_scale":0.4,"callback_url":"https://example.com/hook"}""",
            body.RootElement.GetRawText());
        Assert.Contains("--kind video-extend", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_made_with_no_wait_is_followed_by_status_with_its_kind()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];

        var created = await KlingRunner.RunAsync(["video-extend", "--video-id", "v-1", "--no-wait", "--json", .. connection], TestContext.Current.CancellationToken);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;
        var followed = await KlingRunner.RunAsync(["status", taskId, "--wait", "--kind", "video-extend", "--json", .. connection], TestContext.Current.CancellationToken);

        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal("succeed", followed.Json().GetProperty("task").GetProperty("task_status").GetString());
    }

    [Fact]
    public async Task Without_a_video_id_it_is_a_usage_error_and_an_external_id_is_not_an_option()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var missing = await KlingRunner.RunAsync("video-extend", "--prompt", "more", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);
        var externalId = await KlingRunner.RunAsync(
            "video-extend", "--video-id", "v-1", "--external-id", "x", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--video-id", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, externalId.ExitCode);
        Assert.Contains("--external-id", externalId.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "video-extend", "--video-id", " ", "--prompt", new string('x', 501), "--cfg-scale", "3", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        Assert.Equal(["video_id", "prompt", "cfg_scale"], error.GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()));
        Assert.Empty(server.Emulator.Requests);
    }
}
