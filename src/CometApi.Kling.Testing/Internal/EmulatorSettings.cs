using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>A checked, immutable copy of <see cref="KlingEmulatorOptions"/>, so later changes to the options do not leak in.</summary>
internal sealed class EmulatorSettings
{
    public EmulatorSettings(KlingEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider = options.TimeProvider ?? throw new ArgumentException("KlingEmulatorOptions.TimeProvider is required.", nameof(options));
        ApiKeys = new HashSet<string>(options.ApiKeys ?? [], StringComparer.Ordinal);
        AcceptAnyApiKey = options.AcceptAnyApiKey;
        if (ApiKeys.Count == 0 && !AcceptAnyApiKey)
        {
            throw new ArgumentException("KlingEmulatorOptions.ApiKeys is empty and AcceptAnyApiKey is false: no request could authenticate.", nameof(options));
        }

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

    public bool WrapOmniVideoQueries { get; }

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

    private static TimeSpan NotNegative(TimeSpan value, string name, string paramName = "options") => value >= TimeSpan.Zero
        ? value
        : throw new ArgumentException($"KlingEmulatorOptions.{name} cannot be negative.", paramName);

    private static int NotNegative(int value, string name, string paramName = "options") => value >= 0
        ? value
        : throw new ArgumentException($"KlingEmulatorOptions.{name} cannot be negative.", paramName);
}
