using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>kling</c> entry point in-process with captured output and no COMETAPI_KEY. The emulator's task
/// lifecycle and the wait's polling are shortened to milliseconds (real time: the CLI's waits run on the system
/// clock), so a whole create-wait-download takes a fraction of a second.
/// </summary>
internal static class KlingRunner
{
    public static readonly string SampleImage = Path.Combine(AppContext.BaseDirectory, "sample-image.png");

    public static KlingEmulatorOptions FastEmulator() => new()
    {
        SubmittedDuration = TimeSpan.FromMilliseconds(20),
        ProcessingDuration = TimeSpan.FromMilliseconds(60),
    };

    public static KlingCliEnvironment Environment(TextWriter stdout, TextWriter stderr, bool interactive = false, string? apiKey = null) => new()
    {
        Out = stdout,
        Error = stderr,
        GetEnvironmentVariable = name => name == KlingClientOptions.ApiKeyEnvironmentVariable ? apiKey : null,
        IsInteractive = interactive,
        CreateEmulatorOptions = FastEmulator,
        ConfigureWait = options =>
        {
            options.FirstPollDelay = TimeSpan.FromMilliseconds(10);
            options.MinPollInterval = TimeSpan.FromMilliseconds(10);
            options.MaxPollInterval = TimeSpan.FromMilliseconds(50);
        },
    };

    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public static async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken, bool interactive = false, string? apiKey = null)
    {
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var exitCode = await KlingCli.RunAsync(args, Environment(stdout, stderr, interactive, apiKey), cancellationToken);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
