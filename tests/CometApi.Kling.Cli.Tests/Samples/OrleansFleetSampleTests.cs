using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests.Samples;

public sealed class OrleansFleetSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OrleansFleet_without_a_key_writes_every_video_and_exits_zero()
    {
        var run = await SampleProcess.RunAsync("OrleansFleet", _directory.Path, "--count", "5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("COMETAPI_KEY is not set", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 succeeded, 0 failed, 0 unfinished", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4").Length);
    }
}
