using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests.Samples;

public sealed class ResumeWaitSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ResumeWait_creates_in_one_process_and_finishes_in_another()
    {
        var run = await SampleProcess.RunAsync("ResumeWait", _directory.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = run.Stdout.Split('\n').Single(line => line.StartsWith("[create pid ", StringComparison.Ordinal));
        var resume = run.Stdout.Split('\n').Single(line => line.StartsWith("[resume pid ", StringComparison.Ordinal));
        Assert.NotEqual(create.Split(' ')[2], resume.Split(' ')[2]);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "output", "resume-wait.task")));
    }
}
