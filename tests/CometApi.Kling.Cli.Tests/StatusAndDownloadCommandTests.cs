using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary>Commands across separate runs share tasks through a loopback emulator server, as `kling emulator` offers.</summary>
public sealed class StatusAndDownloadCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private KlingEmulatorServer _server = null!;

    private string[] Connection => ["--base-address", _server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];

    public async ValueTask InitializeAsync() => _server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Status_wait_then_download_finish_a_task_created_with_no_wait_in_another_run()
    {
        var created = await KlingRunner.RunAsync(["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--json", .. Connection]);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.DoesNotContain("built-in", created.Stderr, StringComparison.Ordinal);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var waited = await KlingRunner.RunAsync(["status", taskId, "--wait", "--json", .. Connection]);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Equal("succeed", waited.Json().GetProperty("task").GetProperty("task_status").GetString());

        var output = _directory.File("downloaded.mp4");
        var downloaded = await KlingRunner.RunAsync(["download", taskId, "-o", output, "--json", .. Connection]);
        Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
        Assert.Equal(output, downloaded.Json().GetProperty("file").GetString());
        Assert.True(new FileInfo(output).Length > 1000);
        Assert.Single(_server.Emulator.Tasks);
    }

    [Fact]
    public async Task Status_and_download_with_kind_text2video_finish_a_text2video_task_into_a_folder()
    {
        var created = await KlingRunner.RunAsync(["text2video", "--prompt", "hi", "--no-wait", "--json", .. Connection]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var waited = await KlingRunner.RunAsync(["status", taskId, "--wait", "--kind", "text2video", "--json", .. Connection]);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Equal("succeed", waited.Json().GetProperty("task").GetProperty("task_status").GetString());
        Assert.Equal("text2video", waited.Json().GetProperty("task").GetProperty("kind").GetString());
        Assert.Contains($"kling download {taskId} -o . --kind text2video --base-address {_server.BaseAddress}", waited.Stderr, StringComparison.Ordinal);

        var downloaded = await KlingRunner.RunAsync(["download", taskId, "-o", _directory.Path, "--kind", "text2video", "--json", .. Connection]);
        Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
        var file = Path.Combine(_directory.Path, $"{taskId}.mp4");
        Assert.Equal(file, downloaded.Json().GetProperty("file").GetString());
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.All(
            _server.Emulator.Requests.Where(request => request.Endpoint == KlingEmulatorEndpoint.Query),
            request => Assert.Equal("videos/text2video", request.Route));
    }

    [Fact]
    public async Task Without_kind_status_looks_under_image2video_so_a_text2video_task_is_not_found()
    {
        var created = await KlingRunner.RunAsync(["text2video", "--prompt", "hi", "--no-wait", "--json", .. Connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var run = await KlingRunner.RunAsync(["status", taskId, "--json", .. Connection]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(404, run.Json().GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("videos/image2video", _server.Emulator.Requests.Single(request => request.Endpoint == KlingEmulatorEndpoint.Query).Route);
        Assert.Contains("If it is another kind, add --kind <kind>: " + string.Join(", ", KlingTaskKind.Known.Skip(1).Select(kind => kind.Name)) + ".", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("download")]
    public async Task An_unknown_kind_is_a_usage_error_listing_the_known_kinds_and_nothing_is_sent(string command)
    {
        string[] output = command == "download" ? ["-o", _directory.Path] : [];
        var run = await KlingRunner.RunAsync([command, "123456789012345678", "--kind", "video2music", .. output, .. Connection]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--kind 'video2music' is not a known kind; use one of: " + string.Join(", ", KlingTaskKind.Known.Select(kind => kind.Name)) + ".", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Emulator.Requests);
    }

    [Fact]
    public async Task A_text2video_wait_that_times_out_resumes_with_the_kind()
    {
        await using var slow = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(20),
            ProcessingDuration = TimeSpan.FromHours(1),
        });
        string[] connection = ["--base-address", slow.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var created = await KlingRunner.RunAsync(["text2video", "--prompt", "hi", "--no-wait", "--json", .. connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var fast = KlingRunner.Environment(stdout, stderr);
        var shortWait = new KlingCliEnvironment
        {
            Out = fast.Out,
            Error = fast.Error,
            GetEnvironmentVariable = fast.GetEnvironmentVariable,
            CreateEmulatorOptions = fast.CreateEmulatorOptions,
            ConfigureWait = options =>
            {
                fast.ConfigureWait!(options);
                options.Timeout = TimeSpan.FromMilliseconds(300);
            },
        };

        var exitCode = await KlingCli.RunAsync(["status", taskId, "--wait", "--kind", "text2video", "--json", .. connection], shortWait, TestContext.Current.CancellationToken);

        var run = new CliRun(exitCode, stdout.ToString(), stderr.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        var error = run.Json().GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("kind").GetString());
        Assert.StartsWith($"kling status {taskId} --wait --kind text2video --base-address", error.GetProperty("resume").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Resume with: kling status {taskId} --wait --kind text2video", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_without_wait_shows_the_current_state_in_plain_text()
    {
        var created = await KlingRunner.RunAsync(["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--json", "--external-id", "ext-1", .. Connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var status = await KlingRunner.RunAsync(["status", taskId, .. Connection]);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.StartsWith($"Task {taskId}: ", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("external id: ext-1", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_of_an_unfinished_task_explains_how_to_wait_and_saves_nothing()
    {
        await using var slow = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { ProcessingDuration = TimeSpan.FromHours(1) });
        string[] connection = ["--base-address", slow.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var created = await KlingRunner.RunAsync(["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--json", .. connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var run = await KlingRunner.RunAsync(["download", taskId, "-o", _directory.File("early.mp4"), .. connection]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"kling status {taskId} --wait", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task An_api_error_prints_code_message_and_request_id_and_exits_1()
    {
        var run = await KlingRunner.RunAsync(["status", "123456789012345678", "--base-address", _server.BaseAddress.ToString(), "--api-key", "sk-wrong"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("code: 1000 (HTTP 401)", run.Stderr, StringComparison.Ordinal);
        Assert.Matches("message: .+", run.Stderr);
        Assert.Matches("request id: [0-9a-f-]{36}", run.Stderr);
    }

    [Fact]
    public async Task An_api_error_with_json_carries_code_status_and_request_id_and_no_task_the_service_did_not_return()
    {
        var run = await KlingRunner.RunAsync(["status", "123456789012345678", "--json", .. Connection]);

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        Assert.Equal(["error"], json.EnumerateObject().Select(property => property.Name));
        var error = json.GetProperty("error");
        Assert.Equal(["kind", "message", "code", "status", "request_id"], error.EnumerateObject().Select(property => property.Name));
        Assert.Equal("api", error.GetProperty("kind").GetString());
        Assert.Equal(1203, error.GetProperty("code").GetInt32());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task A_wait_that_times_out_with_json_carries_the_task_as_last_returned_and_the_resume_command()
    {
        await using var slow = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(20),
            ProcessingDuration = TimeSpan.FromHours(1),
        });
        string[] connection = ["--base-address", slow.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var created = await KlingRunner.RunAsync(["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--json", .. connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var fast = KlingRunner.Environment(stdout, stderr);
        var shortWait = new KlingCliEnvironment
        {
            Out = fast.Out,
            Error = fast.Error,
            GetEnvironmentVariable = fast.GetEnvironmentVariable,
            CreateEmulatorOptions = fast.CreateEmulatorOptions,
            ConfigureWait = options =>
            {
                fast.ConfigureWait!(options);
                options.Timeout = TimeSpan.FromMilliseconds(300);
            },
        };

        var exitCode = await KlingCli.RunAsync(["status", taskId, "--wait", "--json", .. connection], shortWait, TestContext.Current.CancellationToken);

        var run = new CliRun(exitCode, stdout.ToString(), stderr.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        var json = run.Json();
        Assert.Equal(taskId, json.GetProperty("task").GetProperty("task_id").GetString());
        Assert.Equal("processing", json.GetProperty("task").GetProperty("task_status").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("request_id").GetString()));
        var error = json.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("kind").GetString());
        Assert.StartsWith($"kling status {taskId} --wait", error.GetProperty("resume").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_address_without_a_key_is_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("status", "1", "--base-address", _server.BaseAddress.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base-address needs an API key", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Emulator.Requests);
    }

    [Fact]
    public async Task The_key_can_come_from_COMETAPI_KEY()
    {
        var run = await KlingRunner.RunAsync(
            ["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--base-address", _server.BaseAddress.ToString()],
            TestContext.Current.CancellationToken,
            apiKey: KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(_server.Emulator.Tasks);
    }
}
