using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Cli.Tests;

public sealed class ResumeAfterCancelTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Ctrl_C_during_the_wait_exits_130_and_prints_a_resume_command_that_finishes_the_task()
    {
        // The server's tasks move only when the test advances its clock: the task is surely still running when Ctrl+C comes.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = clock });
        using var ctrlC = new CancellationTokenSource();

        var waiting = KlingRunner.RunAsync(
            ["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "-o", _directory.File("v.mp4"),
             "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey],
            ctrlC.Token);
        await Poll.UntilAsync(() => server.Emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Query) >= 2);
        await ctrlC.CancelAsync();
        var canceled = await waiting;

        Assert.True(canceled.ExitCode == 130, canceled.ToString());
        var taskId = Assert.Single(server.Emulator.Tasks).TaskId;
        Assert.Contains($"Stopped waiting for task {taskId}; the task goes on.", canceled.Stderr, StringComparison.Ordinal);
        var resumeLine = canceled.Stderr.Split('\n').Single(line => line.StartsWith("Resume with: kling ", StringComparison.Ordinal)).Trim();
        Assert.Equal(
            $"Resume with: kling status {taskId} --wait --base-address {server.BaseAddress} --api-key {KlingEmulator.DefaultApiKey}",
            resumeLine);
        Assert.False(File.Exists(_directory.File("v.mp4")));

        clock.Advance(TimeSpan.FromMinutes(1));
        var resumed = await KlingRunner.RunAsync([.. resumeLine["Resume with: kling ".Length..].Split(' '), "--json"], TestContext.Current.CancellationToken);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("succeed", resumed.Json().GetProperty("task").GetProperty("task_status").GetString());
        Assert.Single(server.Emulator.Tasks);
    }

    [Fact]
    public async Task Ctrl_C_with_json_still_prints_one_document_naming_the_task_and_the_resume_command()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = clock });
        using var ctrlC = new CancellationTokenSource();

        var created = await KlingRunner.RunAsync(
            ["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "--no-wait", "--json",
             "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;
        var statusWait = KlingRunner.RunAsync(
            ["status", taskId, "--wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey],
            ctrlC.Token);
        await Poll.UntilAsync(() => server.Emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Query) >= 2);
        await ctrlC.CancelAsync();
        var canceled = await statusWait;

        Assert.Equal(130, canceled.ExitCode);
        var json = canceled.Json();
        Assert.Equal(taskId, json.GetProperty("task").GetProperty("task_id").GetString());
        Assert.Equal("canceled", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.StartsWith($"kling status {taskId} --wait", json.GetProperty("error").GetProperty("resume").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_against_the_in_process_emulator_says_its_tasks_end_with_the_command()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var environment = KlingRunner.Environment(stdout, stderr);
        var slow = new KlingCliEnvironment
        {
            Out = environment.Out,
            Error = environment.Error,
            GetEnvironmentVariable = environment.GetEnvironmentVariable,
            ConfigureWait = environment.ConfigureWait,
            CreateEmulatorOptions = () => new KlingEmulatorOptions { ProcessingDuration = TimeSpan.FromHours(1) },
        };

        var run = KlingCli.RunAsync(["image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi"], slow, ctrlC.Token);
        await Poll.UntilAsync(() => stderr.ToString().Contains("Waiting for task", StringComparison.Ordinal));
        await ctrlC.CancelAsync();

        Assert.Equal(130, await run);
        Assert.Contains("kling emulator", stderr.ToString(), StringComparison.Ordinal);
    }
}
