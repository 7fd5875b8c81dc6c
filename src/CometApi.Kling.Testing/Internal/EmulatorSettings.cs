using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>A checked, immutable copy of <see cref="KlingEmulatorOptions"/>, so later changes to the options do not leak in.</summary>
internal sealed class EmulatorSettings
{
    public EmulatorSettings(KlingEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider = options.TimeProvider ?? throw new ArgumentException("KlingEmulatorOptions.TimeProvider is required.", nameof(options));
        Host = options.Host is KlingHost.CometApi or KlingHost.Official
            ? options.Host
            : throw new ArgumentException($"KlingEmulatorOptions.Host {options.Host} is not a known host.", nameof(options));
        RoutePrefix = Host == KlingHost.Official ? OfficialRoutePrefix : CometApiRoutePrefix;
        ApiKeys = new HashSet<string>(options.ApiKeys ?? [], StringComparer.Ordinal);
        AccessKeys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var pair in options.AccessKeys ?? new Dictionary<string, string>())
        {
            // The message names the access key (an identifier, like a user name) but never the secret.
            if (string.IsNullOrEmpty(pair.Key) || string.IsNullOrEmpty(pair.Value))
            {
                throw new ArgumentException($"KlingEmulatorOptions.AccessKeys has an empty access key or secret key (access key '{pair.Key}').", nameof(options));
            }

            AccessKeys[pair.Key] = Encoding.UTF8.GetBytes(pair.Value);
        }

        AcceptAnyApiKey = options.AcceptAnyApiKey;
        if (ApiKeys.Count == 0 && !AcceptAnyApiKey && (Host != KlingHost.Official || AccessKeys.Count == 0))
        {
            throw new ArgumentException("KlingEmulatorOptions.ApiKeys is empty and AcceptAnyApiKey is false: no request could authenticate.", nameof(options));
        }

        SucceededSpelling = options.SucceededSpelling;
        NewStandardCallbacks = options.NewStandardCallbacks;
        WebhookKeys = [.. (options.WebhookSecrets ?? []).Select(WebhookKey)];

        SubmittedDuration = NotNegative(options.SubmittedDuration, nameof(options.SubmittedDuration));
        ProcessingDuration = NotNegative(options.ProcessingDuration, nameof(options.ProcessingDuration));
        ProcessingDurationSelector = options.ProcessingDurationSelector;
        RiskyPromptMarker = string.IsNullOrEmpty(options.RiskyPromptMarker) ? null : options.RiskyPromptMarker;
        RiskyTaskStatusMessage = options.RiskyTaskStatusMessage ?? string.Empty;
        if (options.MaxRunningTasksPerKey is < 1)
        {
            throw new ArgumentException("KlingEmulatorOptions.MaxRunningTasksPerKey must be at least 1 (or null for no limit).", nameof(options));
        }

        MaxRunningTasksPerKey = options.MaxRunningTasksPerKey;
        MaxPromptLength = NotNegative(options.MaxPromptLength, nameof(options.MaxPromptLength));
        MaxNegativePromptLength = NotNegative(options.MaxNegativePromptLength, nameof(options.MaxNegativePromptLength));
        ModelNames = new HashSet<string>(options.ModelNames ?? [], StringComparer.Ordinal);
        Durations = [.. options.Durations ?? []];
        ValidateImageContent = options.ValidateImageContent;
        CallbackHandler = options.CallbackHandler;
        WrapOmniVideoQueries = options.WrapOmniVideoQueries;
    }

    public const string CometApiRoutePrefix = "/kling/v1/";

    public const string OfficialRoutePrefix = "/v1/";

    private const string WebhookSecretPrefix = "whsec_";

    public bool WrapOmniVideoQueries { get; }

    public KlingHost Host { get; }

    /// <summary>The absolute path every API route starts with: <c>/kling/v1/</c> or <c>/v1/</c>.</summary>
    public string RoutePrefix { get; }

    /// <summary>Access key to the UTF-8 bytes of its secret key (the HMAC key of its JWTs).</summary>
    public Dictionary<string, byte[]> AccessKeys { get; }

    public bool SucceededSpelling { get; }

    public bool NewStandardCallbacks { get; }

    /// <summary>The decoded HMAC keys of the webhook secrets, in the order given (the signature header's order).</summary>
    public IReadOnlyList<byte[]> WebhookKeys { get; }

    public TimeProvider TimeProvider { get; }

    public HashSet<string> ApiKeys { get; }

    public bool AcceptAnyApiKey { get; }

    public TimeSpan SubmittedDuration { get; }

    public TimeSpan ProcessingDuration { get; }

    public Func<JsonElement, TimeSpan>? ProcessingDurationSelector { get; }

    public string? RiskyPromptMarker { get; }

    public string RiskyTaskStatusMessage { get; }

    public int? MaxRunningTasksPerKey { get; }

    public int MaxPromptLength { get; }

    public int MaxNegativePromptLength { get; }

    public HashSet<string> ModelNames { get; }

    public IReadOnlyList<string> Durations { get; }

    public bool ValidateImageContent { get; }

    public HttpMessageHandler? CallbackHandler { get; }

    private static byte[] WebhookKey(string secret, int index)
    {
        // The message names the position, never the secret.
        var problem = $"KlingEmulatorOptions.WebhookSecrets[{index}] must be '{WebhookSecretPrefix}' followed by non-empty base64.";
        if (secret is null || !secret.StartsWith(WebhookSecretPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(problem);
        }

        try
        {
            var key = Convert.FromBase64String(secret[WebhookSecretPrefix.Length..]);
            return key.Length > 0 ? key : throw new ArgumentException(problem);
        }
        catch (FormatException)
        {
            throw new ArgumentException(problem);
        }
    }

    private static TimeSpan NotNegative(TimeSpan value, string name, string paramName = "options") => value >= TimeSpan.Zero
        ? value
        : throw new ArgumentException($"KlingEmulatorOptions.{name} cannot be negative.", paramName);

    private static int NotNegative(int value, string name, string paramName = "options") => value >= 0
        ? value
        : throw new ArgumentException($"KlingEmulatorOptions.{name} cannot be negative.", paramName);
}
