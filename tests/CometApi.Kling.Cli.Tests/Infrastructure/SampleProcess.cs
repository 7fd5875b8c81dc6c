using System.Diagnostics;
using System.Reflection;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>
/// Runs a built sample as a user would (<c>dotnet samples/X/bin/.../X.dll</c>) in a folder of its own, with no
/// COMETAPI_KEY or KLING_BASE_ADDRESS unless a test sets them (so by default it takes its emulator path), and with a
/// timeout so a hung sample fails instead of stalling CI.
/// </summary>
internal sealed class SampleProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentStringWriter _stdout = new();
    private readonly ConcurrentStringWriter _stderr = new();
    private readonly Task _pumps;

    private SampleProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, _stdout),
            PumpAsync(process.StandardError, _stderr));
    }

    /// <summary>What the sample has written to stdout so far.</summary>
    public string Stdout => _stdout.ToString();

    public static Task<CliRun> RunAsync(string sample, string workingDirectory, params string[] args) =>
        RunAsync(sample, workingDirectory, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables to set for the sample, e.g. COMETAPI_KEY for a loopback server's key.</param>
    public static async Task<CliRun> RunAsync(string sample, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(sample, workingDirectory, environment, args);
        return await process.WaitAsync();
    }

    public static SampleProcess Start(string sample, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var metadata = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var dll = Path.Combine(metadata["SamplesFolder"]!, sample, "bin", metadata["Configuration"]!, "net10.0", $"{sample}.dll");
        return StartDll(dll, workingDirectory, environment, args);
    }

    /// <summary>Starts the built <c>kling</c> (<c>dotnet kling.dll</c>, copied here as a project reference) as a user runs it.</summary>
    public static SampleProcess StartCli(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartDll(Path.Combine(AppContext.BaseDirectory, "kling.dll"), workingDirectory, environment, args);

    private static SampleProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        Assert.True(File.Exists(dll), $"{dll} was not built");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test machine's own settings must never send a sample to CometAPI (a paid task) or elsewhere.
        start.Environment.Remove(KlingClientOptions.ApiKeyEnvironmentVariable);
        start.Environment.Remove("KLING_BASE_ADDRESS");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new SampleProcess(Process.Start(start)!);
    }

    /// <summary>Sends SIGINT, what Ctrl+C sends to a foreground process on Unix.</summary>
    public Task InterruptAsync() => SignalAsync("-INT");

    /// <summary>Sends SIGTERM, what <c>kill</c>, <c>docker stop</c> and systemd send to stop a process.</summary>
    public Task TerminateAsync() => SignalAsync("-TERM");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the sample to exit (killing it and failing after the timeout, 90 s by default) and returns all it printed.</summary>
    public async Task<CliRun> WaitAsync(TimeSpan? timeout = null)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(timeout ?? Timeout);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"The process was still running after {(timeout ?? Timeout).TotalSeconds} s (killed now).\n--- stdout\n{Stdout}\n--- stderr\n{_stderr}");
        }

        await _pumps;
        return new CliRun(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    // Copied as it arrives (not ReadToEndAsync), so a test can act on a line while the sample still runs.
    private static async Task PumpAsync(StreamReader reader, ConcurrentStringWriter target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            target.Write(buffer, 0, read);
        }
    }
}
