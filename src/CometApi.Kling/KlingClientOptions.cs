using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling;

/// <summary>Settings of a <see cref="KlingClient"/>. Bind them from configuration (section e.g. <c>"Kling"</c>) or set them in code.</summary>
public sealed class KlingClientOptions
{
    /// <summary>The environment variable the API key is read from when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "COMETAPI_KEY";

    /// <summary>The CometAPI address, used when <see cref="Host"/> is <see cref="KlingHost.CometApi"/> and <see cref="BaseAddress"/> is not set.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.cometapi.com/");

    /// <summary>Kling's own address, used when <see cref="Host"/> is <see cref="KlingHost.Official"/> and <see cref="BaseAddress"/> is not set.</summary>
    public static Uri OfficialBaseAddress { get; } = new("https://api-singapore.klingai.com/");

    private KlingValidationLimits? _validationLimits;
    private string? _apiKey;
    private bool _apiKeySet;

    /// <summary>
    /// Which API the client talks to: it sets the defaults of <see cref="BaseAddress"/>, <see cref="RoutePrefix"/> and
    /// <see cref="ValidationLimits"/> (bound from the <c>"Host"</c> setting: <c>"CometApi"</c> or <c>"Official"</c>).
    /// </summary>
    /// <value>The default is <see cref="KlingHost.CometApi"/>.</value>
    public KlingHost Host { get; set; }

    /// <summary>
    /// The key sent as <c>Authorization: Bearer</c>: a CometAPI key, or a Kling API key on Kling's own host. Never logged or
    /// shown by <see cref="ToString"/>. Not used when <see cref="AccessKey"/> and <see cref="SecretKey"/> are set.
    /// </summary>
    /// <value>
    /// Unless set, the value of the <c>COMETAPI_KEY</c> environment variable when <see cref="Host"/> is
    /// <see cref="KlingHost.CometApi"/>, and <see langword="null"/> on any other host: a CometAPI key is never sent to Kling.
    /// </value>
    public string? ApiKey
    {
        get => _apiKeySet ? _apiKey : Host == KlingHost.CometApi ? Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable) : null;
        set
        {
            _apiKey = value;
            _apiKeySet = true;
        }
    }

    /// <summary>
    /// A Kling access key (Kling's own host, legacy routes): with <see cref="SecretKey"/>, the client signs a short-lived
    /// token (HS256 JWT, <c>iss</c> = this key, valid 30 minutes) and sends it as <c>Authorization: Bearer</c> instead of
    /// <see cref="ApiKey"/>. Set both or neither.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? AccessKey { get; set; }

    /// <summary>
    /// The Kling secret key that signs the tokens of <see cref="AccessKey"/>. It never leaves the process: it is not
    /// sent, logged, or shown by <see cref="ToString"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SecretKey { get; set; }

    /// <summary>
    /// The API's address, e.g. a gateway that copies Kling's API; the Kling routes are resolved against it, under
    /// <see cref="RoutePrefix"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the address of <see cref="Host"/> (<see cref="DefaultBaseAddress"/> or <see cref="OfficialBaseAddress"/>).</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The path under <see cref="BaseAddress"/> where the Kling routes start, e.g. <c>"kling/v1/"</c> (CometAPI) or
    /// <c>"v1/"</c> (Kling's own host); an empty string puts them at the base address itself.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the prefix of <see cref="Host"/>.</value>
    public string? RoutePrefix { get; set; }

    /// <summary>The clock used for every delay and timestamp, so tests can run in virtual time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The limits every request is checked against before it is sent; bound from the <c>ValidationLimits</c> section of
    /// the configuration (a kind's group under its name, e.g. <c>ValidationLimits:Avatar:MaxAudioLength</c>). Unless set,
    /// and again after it is set to <see langword="null"/>, they are the limits of <see cref="Host"/>, made when first
    /// read: choose the host first, then change single limits. The client keeps a copy made when it is created.
    /// </summary>
    /// <value>
    /// The default is the limits of <see cref="Host"/>: CometAPI's (<c>new KlingValidationLimits()</c>) or Kling's
    /// (<see cref="KlingValidationLimits.CreateOfficial"/>). Never <see langword="null"/> when read.
    /// </value>
    [AllowNull]
    public KlingValidationLimits ValidationLimits
    {
        get => _validationLimits ??= Host == KlingHost.Official ? KlingValidationLimits.CreateOfficial() : new KlingValidationLimits();
        set => _validationLimits = value;
    }

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

    /// <summary>Describes the options without revealing the API key or the secret key.</summary>
    public override string ToString() =>
        $"KlingClientOptions {{ Host = {Host}, ApiKey = {Redacted(ApiKey)}, AccessKey = {Redacted(AccessKey)}, SecretKey = {Redacted(SecretKey)}, "
        + $"BaseAddress = {(BaseAddress is null ? "(host default)" : BaseAddress.ToString())}, RoutePrefix = {RoutePrefix ?? "(host default)"}, "
        + $"AllowInsecureBaseAddress = {AllowInsecureBaseAddress}, Resilience = {Resilience} }}";

    private static string Redacted(string? secret) => string.IsNullOrWhiteSpace(secret) ? "(not set)" : "(set, redacted)";
}
