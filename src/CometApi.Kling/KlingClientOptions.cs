using Microsoft.Extensions.Logging;

namespace CometApi.Kling;

/// <summary>Settings of a <see cref="KlingClient"/>. Bind them from configuration (section e.g. <c>"Kling"</c>) or set them in code.</summary>
public sealed class KlingClientOptions
{
    /// <summary>The environment variable the API key is read from when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "COMETAPI_KEY";

    /// <summary>The CometAPI address used when <see cref="BaseAddress"/> is not set.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.cometapi.com/");

    /// <summary>The CometAPI key sent as <c>Authorization: Bearer</c>. Never logged or shown by <see cref="ToString"/>.</summary>
    /// <value>The default is the value of the <c>COMETAPI_KEY</c> environment variable, if set.</value>
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);

    /// <summary>The API's address; the Kling routes (<c>kling/v1/...</c>) are resolved against it.</summary>
    /// <value>The default is <c>https://api.cometapi.com/</c>.</value>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The clock used for every delay and timestamp, so tests can run in virtual time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The limits every request is checked against before it is sent. Raise them when your host accepts more (e.g.
    /// <see cref="KlingValidationLimits.CreateOfficial"/> for the official Kling API); bound from the <c>ValidationLimits</c>
    /// section of the configuration. The client keeps a copy made when it is created.
    /// </summary>
    /// <value>The default is the CometAPI limits (<c>new KlingValidationLimits()</c>).</value>
    public KlingValidationLimits ValidationLimits { get; set; } = new();

    /// <summary>
    /// Retries and timeouts (bound from the <c>Resilience</c> section of the configuration). The client keeps a copy
    /// made when it is created. See docs/resilience.md.
    /// </summary>
    /// <value>The default retries queries up to 4 times, reconciles creates by external id, and times attempts out.</value>
    public KlingResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Allows a <see cref="BaseAddress"/> that is plain <c>http</c> on a host other than the loopback (localhost,
    /// 127.0.0.1, ::1). Off by default: the API key would cross the network in clear text.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowInsecureBaseAddress { get; set; }

    /// <summary>
    /// Where the client logs (set in code; with dependency injection the container's factory is used when this is not
    /// set). Prompts, image data and the key are never logged.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Describes the options without revealing the API key.</summary>
    public override string ToString() =>
        $"KlingClientOptions {{ ApiKey = {(string.IsNullOrWhiteSpace(ApiKey) ? "(not set)" : "(set, redacted)")}, BaseAddress = {BaseAddress}, AllowInsecureBaseAddress = {AllowInsecureBaseAddress}, Resilience = {Resilience} }}";
}
