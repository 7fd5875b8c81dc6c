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
}
