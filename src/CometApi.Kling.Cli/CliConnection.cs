using CometApi.Kling.Cli.Output;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli;

/// <summary>
/// The client a command talks through: CometAPI or Kling's own host (<c>--host official</c>, or any Kling-compatible
/// <c>--base-address</c>) with a key or an access key + secret key, or the in-process emulator (of that host) with
/// <c>--emulator</c> or when there are no credentials at all, so a first run works offline.
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
        var official = options.Host == KlingHost.Official;
        var keyVariable = official ? CliHosts.ApiKeyVariable : KlingClientOptions.ApiKeyEnvironmentVariable;
        var apiKey = FromOptionOrVariable(options.ApiKey, keyVariable, environment);
        string? accessKey = null;
        string? secretKey = null;
        if (official)
        {
            accessKey = FromOptionOrVariable(options.AccessKey, CliHosts.AccessKeyVariable, environment);
            secretKey = FromOptionOrVariable(options.SecretKey, CliHosts.SecretKeyVariable, environment);
        }
        else if (!string.IsNullOrWhiteSpace(options.AccessKey) || !string.IsNullOrWhiteSpace(options.SecretKey))
        {
            throw new KlingCliUsageException("--access-key and --secret-key are Kling's own credentials: add --host official (CometAPI takes --api-key).");
        }

        var hasCredentials = !string.IsNullOrEmpty(apiKey) || !string.IsNullOrEmpty(accessKey) || !string.IsNullOrEmpty(secretKey);
        if (options.UseEmulator || (!hasCredentials && options.BaseAddress is null))
        {
            var credentials = official ? $"--api-key, --access-key + --secret-key, or {CliHosts.ApiKeyVariable}" : $"--api-key or {KlingClientOptions.ApiKeyEnvironmentVariable}";
            console.Note(options.UseEmulator
                ? "Using the built-in Kling emulator (--emulator): no network, no cost; results are test media (a test-pattern video, image or tone)."
                : $"No API key ({credentials}): using the built-in Kling emulator. No network, no cost; results are test media (a test-pattern video, image or tone).");
            console.Note("Its tasks last as long as this command; `kling emulator` keeps them across commands.");
            var emulatorOptions = environment.CreateEmulatorOptions();
            emulatorOptions.Host = options.Host;
            var emulator = new KlingEmulator(emulatorOptions);
            return new CliConnection(emulator.CreateClient(), emulator, resumeArguments: string.Empty);
        }

        if (!hasCredentials)
        {
            throw new KlingCliUsageException(official
                ? $"--base-address needs credentials: pass --api-key (or set {CliHosts.ApiKeyVariable}), or --access-key + --secret-key (or {CliHosts.AccessKeyVariable} + {CliHosts.SecretKeyVariable})."
                : $"--base-address needs an API key: pass --api-key or set {KlingClientOptions.ApiKeyEnvironmentVariable} (the emulator's key is {KlingEmulator.DefaultApiKey}).");
        }

        var signed = !string.IsNullOrEmpty(accessKey) || !string.IsNullOrEmpty(secretKey);
        var clientOptions = new KlingClientOptions
        {
            Host = options.Host,
            ApiKey = signed ? null : apiKey,
            AccessKey = accessKey,
            SecretKey = secretKey,
        };
        var resume = CliHosts.Argument(options.Host);
        if (options.BaseAddress is not null)
        {
            if (!Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out var baseAddress))
            {
                throw new KlingCliUsageException($"--base-address '{options.BaseAddress}' is not an absolute URL (e.g. http://127.0.0.1:5000/).");
            }

            clientOptions.BaseAddress = baseAddress;
            resume += $" --base-address {baseAddress}";
        }

        if (!signed && !string.IsNullOrWhiteSpace(options.ApiKey))
        {
            // The emulator's key is public and makes the printed command runnable as is; a real key is never echoed.
            resume += options.ApiKey.Trim() == KlingEmulator.DefaultApiKey ? $" --api-key {KlingEmulator.DefaultApiKey}" : " --api-key <your key>";
        }

        if (signed && !string.IsNullOrWhiteSpace(options.AccessKey))
        {
            // Neither key is echoed (the access key names the account); the emulator's public pair is, to stay runnable.
            resume += IsEmulatorPair(accessKey, secretKey)
                ? $" --access-key {KlingEmulator.DefaultAccessKey} --secret-key {KlingEmulator.DefaultSecretKey}"
                : " --access-key <your access key> --secret-key <your secret key>";
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

    private static string? FromOptionOrVariable(string? option, string variable, KlingCliEnvironment environment) =>
        !string.IsNullOrWhiteSpace(option) ? option.Trim() : environment.GetEnvironmentVariable(variable)?.Trim() is { Length: > 0 } value ? value : null;

    private static bool IsEmulatorPair(string? accessKey, string? secretKey) =>
        accessKey == KlingEmulator.DefaultAccessKey && secretKey == KlingEmulator.DefaultSecretKey;

    public void Dispose() => _emulator?.Dispose();
}
