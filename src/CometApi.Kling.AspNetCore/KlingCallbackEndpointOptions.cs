namespace CometApi.Kling.AspNetCore;

/// <summary>Settings of the endpoint mapped by <c>MapKlingCallback</c>: signature checking, its background queue, concurrency and memory.</summary>
public sealed class KlingCallbackEndpointOptions
{
    /// <summary>How many task ids may wait to be re-fetched; when full, callbacks are answered 503 so the sender can retry later.</summary>
    /// <value>The default is 1000.</value>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many tasks are re-fetched and handled at the same time (never the same task twice at once).</summary>
    /// <value>The default is 4.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How many tasks' last delivered status are remembered (oldest forgotten first). A task forgotten and then called
    /// back again can be delivered again, so keep it above the number of tasks in flight at once.
    /// </summary>
    /// <value>The default is 10,000.</value>
    public int TrackedTaskCapacity { get; set; } = 10_000;

    /// <summary>
    /// The webhook secrets from the Kling console (Basic Settings → Webhook), each <c>whsec_</c> followed by base64. When
    /// at least one is set, every callback must carry a valid Kling signature (<c>webhook-id</c>, <c>webhook-timestamp</c>,
    /// <c>webhook-signature</c>) made with one of them, be fresh and not replayed, or it is answered 401 before its body
    /// is parsed. Hold the old and the new secret during a rotation. Never logged or shown.
    /// </summary>
    /// <value>The default is an empty list: callbacks are not verified (for CometAPI, or an account without a webhook secret).</value>
    public IList<string> WebhookSecrets { get; set; } = new List<string>();

    /// <summary>How far a signed callback's <c>webhook-timestamp</c> may be from now, either way, before it is refused as stale.</summary>
    /// <value>The default is 5 minutes (<see cref="KlingCallbackVerifierOptions.DefaultTolerance"/>), as Kling documents.</value>
    public TimeSpan SignatureTolerance { get; set; } = KlingCallbackVerifierOptions.DefaultTolerance;

    /// <summary>The clock signed callbacks' timestamps are checked against (and remembered delivery ids expire on).</summary>
    /// <value>The default is <see langword="null"/>: the registered client's clock (<see cref="KlingClientOptions.TimeProvider"/>).</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Set by <c>MapKlingCallback</c>; lets tests wait until all accepted callbacks are handled.</summary>
    internal KlingCallbackProcessor? Processor { get; set; }

    /// <summary>Checks every setting and makes the signature verifier (null when no secret is set).</summary>
    /// <param name="defaultClock">Gives the clock to use when <see cref="TimeProvider"/> is not set; called only then, and only with secrets.</param>
    internal KlingCallbackVerifier? Validate(Func<TimeProvider> defaultClock)
    {
        var problems = new List<string>();
        KlingCallbackVerifier? verifier = null;
        if (SignatureTolerance <= TimeSpan.Zero || SignatureTolerance > TimeSpan.FromDays(1))
        {
            problems.Add($"SignatureTolerance must be more than zero and at most one day (was {SignatureTolerance}).");
        }
        else if (WebhookSecrets is { Count: > 0 })
        {
            try
            {
                verifier = new KlingCallbackVerifier(new KlingCallbackVerifierOptions
                {
                    Secrets = WebhookSecrets,
                    Tolerance = SignatureTolerance,
                    TimeProvider = TimeProvider ?? defaultClock(),
                });
            }
            catch (ArgumentException ex)
            {
                // The verifier's message names the faulty secret by position and never quotes it.
                problems.Add("WebhookSecrets: " + ex.Message);
            }
        }

        if (QueueCapacity < 1)
        {
            problems.Add($"QueueCapacity must be at least 1 (was {QueueCapacity}).");
        }

        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be at least 1 (was {MaxConcurrency}).");
        }

        if (TrackedTaskCapacity < 1)
        {
            problems.Add($"TrackedTaskCapacity must be at least 1 (was {TrackedTaskCapacity}).");
        }

        if (problems.Count > 0)
        {
            // The faulty argument is MapKlingCallback's "options" (this object), not this method's clock.
#pragma warning disable CA2208
            throw new ArgumentException("KlingCallbackEndpointOptions cannot be used: " + string.Join(" ", problems), "options");
#pragma warning restore CA2208
        }

        return verifier;
    }
}
