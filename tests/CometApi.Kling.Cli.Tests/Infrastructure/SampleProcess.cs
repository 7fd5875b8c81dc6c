using System.Diagnostics;
using System.Reflection;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>
/// Runs a built sample as a user would (<c>dotnet samples/X/bin/.../X.dll</c>) in a folder of its own, with no
/// COMETAPI_KEY, so it takes its emulator path, and with a timeout so a hung sample fails instead of stalling CI.
/// </summary>
internal static class SampleProcess
{
    public static async Task<CliRun> RunAsync(string sample, string workingDirectory, params string[] args)
    {
        var metadata = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var dll = Path.Combine(metadata["SamplesFolder"]!, sample, "bin", metadata["Configuration"]!, "net10.0", $"{sample}.dll");
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

        start.Environment.Remove(KlingClientOptions.ApiKeyEnvironmentVariable);
        start.Environment.Remove("KLING_BASE_ADDRESS");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
