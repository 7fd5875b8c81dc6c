using CometApi.Kling.Cli.Tests.Infrastructure;

namespace CometApi.Kling.Cli.Tests.Samples;

// One class per sample so xunit runs them in parallel: each is a child process that mostly waits. The runs against a
// server with a key are in QuickStartServerSampleTests.
public sealed class QuickStartSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task QuickStart_without_a_key_saves_an_mp4_named_after_the_task()
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("COMETAPI_KEY is not set", run.Stdout, StringComparison.Ordinal);
        var video = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
        Assert.Contains($"Saved {video}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("ftyp"u8.ToArray(), (await File.ReadAllBytesAsync(video, TestContext.Current.CancellationToken))[4..8]);
    }

    [Fact]
    public async Task QuickStart_text_without_a_key_makes_a_text_to_video_task_and_saves_its_mp4()
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, "--text", "--prompt", "A paper boat on a rainy street");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("COMETAPI_KEY is not set", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("(text2video) created: ", run.Stdout, StringComparison.Ordinal);
        var video = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
        Assert.Contains($"Saved {video}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("ftyp"u8.ToArray(), (await File.ReadAllBytesAsync(video, TestContext.Current.CancellationToken))[4..8]);
    }

    [Fact]
    public async Task QuickStart_rejects_a_malformed_base_address_before_anything_runs()
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, "--base-address", "not a url");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--base-address 'not a url' is not an absolute http(s) URL", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
