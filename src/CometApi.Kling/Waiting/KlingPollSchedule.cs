namespace CometApi.Kling.Waiting;

/// <summary>
/// When to query next: a pure function of the time waited so far (and of consecutive failures), so it can be reasoned
/// about and simulated without a clock. All the wait loop's pacing and backoff lives here, to be swapped in one place.
/// </summary>
internal static class KlingPollSchedule
{
    /// <summary>
    /// The interval after a successful query: <see cref="KlingWaitOptions.PollIntervalRatio"/> of the time waited,
    /// clamped to [<see cref="KlingWaitOptions.MinPollInterval"/>, <see cref="KlingWaitOptions.MaxPollInterval"/>].
    /// Polling at t then t + r·t means a completion at T &gt; t is noticed at most r·T late.
    /// </summary>
    public static TimeSpan NextDelay(TimeSpan elapsed, KlingWaitOptions options)
    {
        var proportional = TimeSpan.FromTicks((long)Math.Min(elapsed.Ticks * options.PollIntervalRatio, TimeSpan.MaxValue.Ticks));
        return Clamp(proportional, options.MinPollInterval, options.MaxPollInterval);
    }

    /// <summary>
    /// The interval after a transient failure: the larger of the normal interval, a doubling backoff (from
    /// <see cref="KlingWaitOptions.MinPollInterval"/>, capped at <see cref="KlingWaitOptions.MaxPollInterval"/>) and
    /// the server's <c>Retry-After</c> (capped at <see cref="KlingWaitOptions.MaxRetryAfter"/>).
    /// </summary>
    public static TimeSpan AfterFailure(TimeSpan elapsed, int consecutiveFailures, TimeSpan? retryAfter, KlingWaitOptions options)
    {
        var exponent = Math.Min(Math.Max(consecutiveFailures - 1, 0), 30);
        var backoffTicks = Math.Min(options.MinPollInterval.Ticks * (double)(1L << exponent), options.MaxPollInterval.Ticks);
        var delay = Max(NextDelay(elapsed, options), TimeSpan.FromTicks((long)backoffTicks));
        if (retryAfter is { } requested)
        {
            delay = Max(delay, requested < options.MaxRetryAfter ? requested : options.MaxRetryAfter);
        }

        return delay;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
