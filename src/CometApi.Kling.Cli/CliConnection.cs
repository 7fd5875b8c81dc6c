using CometApi.Kling.Cli.Output;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli;

/// <summary>
/// The client a command talks through: CometAPI (or any Kling-compatible <c>--base-address</c>) with a key, or the
/// in-process emulator with <c>--emulator</c> or when there is no key at all, so a first run works offline.
/// </summary>
internal sealed class CliConnection : IDisposable
{
    private readonly KlingEmulator? _emulator;

    private CliConnection(KlingClient client, KlingEmulator? emulator, string resumeArguments)
    {
        Client = client;
        _emulator = emulator;
        ResumeArguments = resumeArguments;
    }

    public KlingClient Client { get; }

    /// <summary>Whether tasks live in this process only (they vanish when it exits).</summary>
    public bool IsInProcessEmulator => _emulator is not null;

    /// <summary>The connection options to repeat in a printed follow-up command (never a real key: a placeholder).</summary>
    public string ResumeArguments { get; }

    public static CliConnection Open(CliGlobalOptions options, KlingCliEnvironment environment, CliConsole console)
    {
        var apiKey = !string.IsNullOrWhiteSpace(options.ApiKey)
            ? options.ApiKey.Trim()
            : environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable)?.Trim();
        if (options.UseEmulator || (string.IsNullOrEmpty(apiKey) && options.BaseAddress is null))
        {
            console.Note(options.UseEmulator
                ? "Using the built-in Kling emulator (--emulator): no network, no cost; results are test media (a test-pattern video, image or tone)."
                : $"No API key (--api-key or {KlingClientOptions.ApiKeyEnvironmentVariable}): using the built-in Kling emulator. No network, no cost; results are test media (a test-pattern video, image or tone).");
            console.Note("Its tasks last as long as this command; `kling emulator` keeps them across commands.");
            var emulator = new KlingEmulator(environment.CreateEmulatorOptions());
            return new CliConnection(emulator.CreateClient(), emulator, resumeArguments: string.Empty);
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            throw new KlingCliUsageException(
                $"--base-address needs an API key: pass --api-key or set {KlingClientOptions.ApiKeyEnvironmentVariable} (the emulator's key is {KlingEmulator.DefaultApiKey}).");
        }

        var clientOptions = new KlingClientOptions { ApiKey = apiKey };
        var resume = string.Empty;
        if (options.BaseAddress is not null)
        {
            if (!Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out var baseAddress))
            {
                throw new KlingCliUsageException($"--base-address '{options.BaseAddress}' is not an absolute URL (e.g. http://127.0.0.1:5000/).");
            }

            clientOptions.BaseAddress = baseAddress;
            resume = $" --base-address {baseAddress}";
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            // The emulator's key is public and makes the printed command runnable as is; a real key is never echoed.
            resume += options.ApiKey.Trim() == KlingEmulator.DefaultApiKey ? $" --api-key {KlingEmulator.DefaultApiKey}" : " --api-key <your key>";
        }

        try
        {
            return new CliConnection(new KlingClient(clientOptions), emulator: null, resume);
        }
        catch (ArgumentException ex)
        {
            throw new KlingCliUsageException(ex.Message, ex);
        }
    }

    public void Dispose() => _emulator?.Dispose();
}
