using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary>
/// The built <c>kling</c> run out of process and stopped the way service managers and shells stop it: SIGTERM (<c>kill</c>,
/// <c>docker stop</c>, systemd) and SIGINT (Ctrl+C). Only a real process can show that nothing keeps it alive.
/// </summary>
public sealed partial class StopSignalTests : IDisposable
{
    // A liveness bound, not a timing goal: the stop takes well under a second; a process still alive after this never stops.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> NoKey = [];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Emulator_stops_on_the_signal_exits_0_and_frees_its_port(string signal)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The signals are sent with kill, which Windows does not have.");
        using var emulator = SampleProcess.StartCli(_directory.Path, NoKey, "emulator", "--port", "0");
        await Poll.UntilAsync(() => ListeningOn().IsMatch(emulator.Stdout));
        var port = int.Parse(ListeningOn().Match(emulator.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await (signal == "TERM" ? emulator.TerminateAsync() : emulator.InterruptAsync());
        var run = await emulator.WaitAsync(ExitBound);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Emulator stopped.", run.Stderr, StringComparison.Ordinal);
        Assert.False(await AcceptsConnectionsAsync(port), $"port {port} still accepts connections after the emulator exited");
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // throws if the port were still held
    }

    [Fact]
    public async Task SIGTERM_during_a_wait_exits_143_and_prints_the_resume_command()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is sent with kill, which Windows does not have.");

        // The server's tasks move only when the test advances its clock: the task is surely still running when SIGTERM comes.
        await using var server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        using var waiting = SampleProcess.StartCli(
            _directory.Path, NoKey, "text2video", "--prompt", "a lighthouse", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);
        await Poll.UntilAsync(() => server.Emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Query) >= 2);

        await waiting.TerminateAsync();
        var run = await waiting.WaitAsync(ExitBound);

        Assert.True(run.ExitCode == 143, run.ToString());
        var taskId = Assert.Single(server.Emulator.Tasks).TaskId;
        Assert.Contains($"Stopped waiting for task {taskId}; the task goes on.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Resume with: kling status {taskId} --wait --kind text2video", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"listening on http://127\.0\.0\.1:(\d+)/")]
    private static partial Regex ListeningOn();
}
