using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests.Samples;

public sealed class CallbackWebAppSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CallbackWebApp_once_saves_the_video_when_the_succeed_callback_arrives_and_exits()
    {
        var run = await SampleProcess.RunAsync(
            "CallbackWebApp", _directory.Path,
            "--urls", "http://127.0.0.1:0", "--Sample:Once=true",
            "--Emulator:SubmittedDuration=00:00:00.05", "--Emulator:ProcessingDuration=00:00:00.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Not "is processing": the endpoint hands over the re-fetched task, which may already have succeeded by then.
        Assert.Contains("is succeed", run.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
    }

    [Fact]
    public async Task CallbackWebApp_once_with_a_text2video_task_gets_its_callbacks_and_saves_the_video()
    {
        var run = await SampleProcess.RunAsync(
            "CallbackWebApp", _directory.Path,
            "--urls", "http://127.0.0.1:0", "--Sample:Once=true", "--Sample:Kind=text2video",
            "--Emulator:SubmittedDuration=00:00:00.05", "--Emulator:ProcessingDuration=00:00:00.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(text2video) created", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("(text2video) is succeed", run.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
    }

    [Fact]
    public async Task CallbackWebApp_on_the_official_host_accepts_signed_callbacks_and_saves_the_video()
    {
        const string Secret = "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=";
        var run = await SampleProcess.RunAsync(
            "CallbackWebApp", _directory.Path,
            "--urls", "http://127.0.0.1:0", "--Sample:Once=true", "--Sample:Kind=text2video",
            "--Emulator:Host=Official", "--Emulator:SucceededSpelling=true", $"--Emulator:WebhookSecrets:0={Secret}",
            $"--KlingCallback:WebhookSecrets:0={Secret}",
            "--Emulator:SubmittedDuration=00:00:00.05", "--Emulator:ProcessingDuration=00:00:00.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(text2video) is succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
    }
}
