using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests.Samples;

public sealed class DependencyInjectionSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DependencyInjection_without_a_key_runs_the_injected_client_against_the_emulator()
    {
        // Settings from the command line override appsettings.json, as the generic host does: a shorter task lifecycle.
        var run = await SampleProcess.RunAsync(
            "DependencyInjection", _directory.Path,
            "--Emulator:SubmittedDuration=00:00:00.05", "--Emulator:ProcessingDuration=00:00:00.1",
            "--Wait:FirstPollDelay=00:00:00.2", "--Wait:MinPollInterval=00:00:00.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stdout, StringComparison.Ordinal);
        var video = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "di-sample-*.mp4"));
        Assert.True(new FileInfo(video).Length > 1000);
    }
}
