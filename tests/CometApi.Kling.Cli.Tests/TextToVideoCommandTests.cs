using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling text2video</c> runs the same create → wait → download as <c>kling image2video</c>, with its own options.</summary>
public sealed class TextToVideoCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_uses_the_emulator_waits_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("surf.mp4");

        var run = await KlingRunner.RunAsync("text2video", "--prompt", "A cat surfing a wave", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("processing", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Json_prints_one_document_with_the_text2video_task_and_the_file_saved_in_the_given_folder()
    {
        var run = await KlingRunner.RunAsync("text2video", "--prompt", "hello", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var task = json.GetProperty("task");
        Assert.Equal("succeed", task.GetProperty("task_status").GetString());
        Assert.Equal("text2video", task.GetProperty("kind").GetString());
        var taskId = task.GetProperty("task_id").GetString();
        Assert.Equal(Path.Combine(_directory.Path, $"{taskId}.mp4"), json.GetProperty("file").GetString());
        Assert.True(File.Exists(Path.Combine(_directory.Path, $"{taskId}.mp4")));
        Assert.False(json.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task No_wait_json_prints_the_submitted_task_and_a_follow_command_with_the_kind()
    {
        var run = await KlingRunner.RunAsync(
            ["text2video", "--prompt", "hello", "--no-wait", "--json", "-o", _directory.File("never.mp4")], TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        var task = run.Json().GetProperty("task");
        Assert.Equal("submitted", task.GetProperty("task_status").GetString());
        Assert.Contains($"kling status {task.GetProperty("task_id").GetString()} --wait --kind text2video", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task Its_options_reach_the_text2video_request_body()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text2video", "--prompt", "A lighthouse at dusk", "--negative-prompt", "blur", "--aspect-ratio", "9:16", "--mode", "pro",
            "--duration", "10", "--model", "kling-v1-6", "--cfg-scale", "0.5", "--external-id", "order-7",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/text2video", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var fields = body.RootElement;
        Assert.Equal("A lighthouse at dusk", fields.GetProperty("prompt").GetString());
        Assert.Equal("blur", fields.GetProperty("negative_prompt").GetString());
        Assert.Equal("9:16", fields.GetProperty("aspect_ratio").GetString());
        Assert.Equal("pro", fields.GetProperty("mode").GetString());
        Assert.Equal("10", fields.GetProperty("duration").GetString());
        Assert.Equal("kling-v1-6", fields.GetProperty("model_name").GetString());
        Assert.Equal(0.5, fields.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("order-7", fields.GetProperty("external_task_id").GetString());
        Assert.Equal("videos/text2video", Assert.Single(server.Emulator.Tasks).Route);
    }

    [Fact]
    public async Task Mode_4k_with_model_kling_v3_reaches_the_body_and_the_emulator_makes_the_task()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text2video", "--prompt", "A lighthouse at dusk", "--model", "kling-v3", "--mode", "4k",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(("kling-v3", "4k"), (body.RootElement.GetProperty("model_name").GetString(), body.RootElement.GetProperty("mode").GetString()));
        Assert.Single(server.Emulator.Tasks);
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text2video", "--prompt", new string('x', 501), "--aspect-ratio", "5:4", "--duration", "7",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The request was not sent, because:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - prompt:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - aspect_ratio:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - duration:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task An_invalid_request_with_json_prints_the_problems_as_a_document()
    {
        var run = await KlingRunner.RunAsync("text2video", "--prompt", "hi", "--aspect-ratio", "5:4", "--cfg-scale", "2", "--json");

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        var paths = error.GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()).ToArray();
        Assert.Contains("aspect_ratio", paths);
        Assert.Contains("cfg_scale", paths);
    }

    [Fact]
    public async Task Without_a_prompt_it_is_a_usage_error_and_nothing_is_sent()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync("text2video", "--mode", "pro", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--prompt", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task A_task_that_fails_prints_the_reason_and_exits_1()
    {
        var run = await KlingRunner.RunAsync("text2video", "--prompt", "something risky", "--json", "-o", _directory.File("x.mp4"));

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        Assert.Equal("failed", json.GetProperty("task").GetProperty("task_status").GetString());
        Assert.Equal("task_failed", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.False(File.Exists(_directory.File("x.mp4")));
    }

    [Fact]
    public async Task On_a_terminal_the_live_status_and_progress_bar_draw_on_stderr_and_the_result_stays_on_stdout()
    {
        var output = _directory.File("live.mp4");

        var run = await KlingRunner.RunAsync(["text2video", "--prompt", "hello", "-o", output], TestContext.Current.CancellationToken, interactive: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Downloading live.mp4", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_during_the_wait_prints_a_resume_command_with_the_kind_that_finishes_the_task()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = clock });
        using var ctrlC = new CancellationTokenSource();

        var waiting = KlingRunner.RunAsync(
            ["text2video", "--prompt", "hi", "-o", _directory.File("v.mp4"), "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey],
            ctrlC.Token);
        await Poll.UntilAsync(() => server.Emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Query) >= 2);
        await ctrlC.CancelAsync();
        var canceled = await waiting;

        Assert.True(canceled.ExitCode == 130, canceled.ToString());
        var taskId = Assert.Single(server.Emulator.Tasks).TaskId;
        var resumeLine = canceled.Stderr.Split('\n').Single(line => line.StartsWith("Resume with: kling ", StringComparison.Ordinal)).Trim();
        Assert.Equal(
            $"Resume with: kling status {taskId} --wait --kind text2video --base-address {server.BaseAddress} --api-key {KlingEmulator.DefaultApiKey}",
            resumeLine);

        clock.Advance(TimeSpan.FromMinutes(1));
        var resumed = await KlingRunner.RunAsync([.. resumeLine["Resume with: kling ".Length..].Split(' '), "--json"], TestContext.Current.CancellationToken);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("succeed", resumed.Json().GetProperty("task").GetProperty("task_status").GetString());
        Assert.Contains($"kling download {taskId} -o . --kind text2video", resumed.Stderr, StringComparison.Ordinal);
    }
}
