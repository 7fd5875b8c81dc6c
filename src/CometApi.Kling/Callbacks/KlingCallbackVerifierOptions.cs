namespace CometApi.Kling;

/// <summary>Settings of a <see cref="KlingCallbackVerifier"/>: the webhook secrets, the timestamp tolerance and the replay memory.</summary>
public sealed class KlingCallbackVerifierOptions
{
    /// <summary>The tolerance Kling documents for <c>webhook-timestamp</c> (±5 minutes).</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The default number of accepted delivery ids remembered to refuse replays.</summary>
    public const int DefaultReplayCacheCapacity = 10_000;

    /// <summary>
    /// The webhook secrets from the Kling console (Basic Settings → Webhook), each <c>whsec_</c> followed by base64. Hold
    /// the old and the new secret during a rotation: a delivery signed with either is accepted. Never logged or shown by
    /// <see cref="ToString"/>.
    /// </summary>
    /// <value>The default is an empty list; at least one secret is required.</value>
    public IList<string> Secrets { get; set; } = new List<string>();

    /// <summary>How far <c>webhook-timestamp</c> may be from now, either way, before a delivery is refused as stale.</summary>
    /// <value>The default is <see cref="DefaultTolerance"/> (5 minutes), as Kling documents.</value>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;

    /// <summary>The clock the timestamp is checked against and accepted ids expire on, so tests can run in virtual time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How many accepted delivery ids are remembered (each for twice <see cref="Tolerance"/>) to refuse a replay; beyond
    /// it the oldest are forgotten first, and only the timestamp check then bounds a replay of those.
    /// </summary>
    /// <value>The default is <see cref="DefaultReplayCacheCapacity"/> (10,000).</value>
    public int ReplayCacheCapacity { get; set; } = DefaultReplayCacheCapacity;

    /// <summary>Describes the options by the number of secrets, never a secret.</summary>
    public override string ToString() =>
        $"KlingCallbackVerifierOptions {{ Secrets = {Secrets?.Count ?? 0} (redacted), Tolerance = {Tolerance}, ReplayCacheCapacity = {ReplayCacheCapacity} }}";
}
