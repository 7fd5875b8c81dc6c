using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

public sealed class ImageToVideoCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_says_so_uses_the_emulator_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("cat.mp4");

        var run = await KlingRunner.RunAsync("image2video", "--image", KlingRunner.SampleImage, "--prompt", "The cat turns its head", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No API key", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("processing", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Json_prints_one_document_with_the_final_task_and_the_saved_file()
    {
        var output = _directory.File("video.mp4");

        var run = await KlingRunner.RunAsync(
            "image2video", "--image", KlingRunner.SampleImage, "--prompt", "hello", "--model", "kling-v1-6", "--mode", "pro",
            "--duration", "10", "--cfg-scale", "0.5", "--negative-prompt", "blur", "--external-id", "order-42", "-o", output, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var task = json.GetProperty("task");
        Assert.Equal("succeed", task.GetProperty("task_status").GetString());
        Assert.Equal(18, task.GetProperty("task_id").GetString()!.Length);
        Assert.Equal("order-42", task.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal("10.1", task.GetProperty("task_result").GetProperty("videos")[0].GetProperty("duration").GetString());
        Assert.True(task.GetProperty("created_at").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("request_id").GetString()));
        Assert.Equal(output, json.GetProperty("file").GetString());
        Assert.True(File.Exists(output));
        Assert.False(json.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task No_wait_prints_the_created_task_and_how_to_follow_it_without_downloading()
    {
        var run = await KlingRunner.RunAsync(
            ["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hello", "--no-wait", "--json", "-o", _directory.File("never.mp4")],
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        var task = run.Json().GetProperty("task");
        Assert.Equal("submitted", task.GetProperty("task_status").GetString());
        Assert.Contains($"kling status {task.GetProperty("task_id").GetString()} --wait", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task Without_a_prompt_the_task_is_created_with_no_prompt_field_as_the_api_allows()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "image2video", "--image", KlingRunner.SampleImage, "--no-wait", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("submitted", run.Json().GetProperty("task").GetProperty("task_status").GetString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        using var body = JsonDocument.Parse(create.Body);
        Assert.False(body.RootElement.TryGetProperty("prompt", out _));
    }

    [Fact]
    public async Task Without_an_output_option_the_video_is_saved_as_the_task_id_in_the_given_folder()
    {
        var run = await KlingRunner.RunAsync("image2video", "--image", KlingRunner.SampleImage, "--prompt", "hello", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var taskId = run.Json().GetProperty("task").GetProperty("task_id").GetString();
        Assert.True(File.Exists(Path.Combine(_directory.Path, $"{taskId}.mp4")));
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_sends_nothing_and_exits_2()
    {
        var run = await KlingRunner.RunAsync(
            "image2video", "--image", _directory.File("missing.png"), "--prompt", new string('x', 501), "--cfg-scale", "2", "--duration", "7");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The request was not sent, because:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - prompt:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - cfg_scale:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - duration:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - image:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task An_invalid_request_with_json_prints_the_problems_as_a_document()
    {
        var run = await KlingRunner.RunAsync("image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--cfg-scale", "2", "--mode", "fast", "--json");

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        var paths = error.GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()).ToArray();
        Assert.Contains("cfg_scale", paths);
        Assert.Contains("mode", paths);
    }

    [Fact]
    public async Task A_task_that_fails_prints_the_reason_and_exits_1()
    {
        var run = await KlingRunner.RunAsync("image2video", "--image", KlingRunner.SampleImage, "--prompt", "something risky", "--json", "-o", _directory.File("x.mp4"));

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        Assert.Equal("failed", json.GetProperty("task").GetProperty("task_status").GetString());
        Assert.Equal("task_failed", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("Failure to pass the risk control system", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("x.mp4")));
    }

    [Fact]
    public async Task On_a_terminal_the_live_status_and_progress_bar_draw_on_stderr_and_the_result_stays_on_stdout()
    {
        var output = _directory.File("live.mp4");

        var run = await KlingRunner.RunAsync(
            ["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hello", "-o", output], TestContext.Current.CancellationToken, interactive: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Downloading live.mp4", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }
}
