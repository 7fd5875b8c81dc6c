using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

public sealed class EmulatorCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Emulator_serves_other_commands_until_Ctrl_C_and_then_exits_0()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(["emulator", "--port", "0", "--json"], KlingRunner.Environment(stdout, stderr), ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().TrimEnd().EndsWith('}') || emulator.IsCompleted);
        Assert.False(emulator.IsCompleted, stderr.ToString());

        var info = new CliRun(0, stdout.ToString(), string.Empty).Json();
        var baseAddress = info.GetProperty("base_address").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", baseAddress, StringComparison.Ordinal);
        Assert.Equal(KlingEmulator.DefaultApiKey, info.GetProperty("api_key").GetString());

        var output = _directory.File("from-server.mp4");
        var run = await KlingRunner.RunAsync(
            "image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "-o", output, "--base-address", baseAddress, "--api-key", KlingEmulator.DefaultApiKey);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(output));

        await ctrlC.CancelAsync();
        Assert.Equal(0, await emulator);
        Assert.Contains("Emulator stopped.", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_prints_its_address_and_key_in_plain_text()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(["emulator"], KlingRunner.Environment(stdout, new ConcurrentStringWriter()), ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().Contains("Try:", StringComparison.Ordinal) || emulator.IsCompleted);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await emulator);
        Assert.Matches(@"Kling emulator listening on http://127\.0\.0\.1:\d+/", stdout.ToString());
        Assert.Contains($"API key: {KlingEmulator.DefaultApiKey}", stdout.ToString(), StringComparison.Ordinal);
    }
}
