using System.Diagnostics;

namespace OrleansFleet;

/// <summary>
/// Submits keys to their video grains with a bounded number in flight and polls them until all have ended. The runner
/// holds nothing the cluster needs: if it dies, run it again with the same keys and the grains pick up where Kling is.
/// </summary>
public static class FleetRunner
{
    /// <summary>Runs the keys to completion (or to the deadline).</summary>
    /// <param name="grains">The cluster client (or a silo's grain factory).</param>
    /// <param name="keys">The external task ids; their jobs must be in every silo's <see cref="IVideoCatalog"/>.</param>
    /// <param name="maxInFlight">How many videos may be started and unfinished at once: keep it near your Kling concurrency limit.</param>
    /// <param name="pollInterval">How often unfinished grains are asked (which also re-activates any lost with their silo).</param>
    /// <param name="progress">Told the counts after each round.</param>
    /// <param name="cancellationToken">Stops the run (the videos go on in the cluster).</param>
    /// <returns>The outcome of every video that ended.</returns>
    public static async Task<FleetSummary> RunAsync(
        IGrainFactory grains,
        IReadOnlyList<string> keys,
        int maxInFlight,
        TimeSpan pollInterval,
        Action<FleetProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        var stopwatch = Stopwatch.StartNew();
        var queue = new Queue<string>(keys.Distinct(StringComparer.Ordinal));
        var total = queue.Count;
        var active = new Dictionary<string, VideoStatus?>(StringComparer.Ordinal);
        var results = new List<VideoStatus>(total);
        var callErrors = 0;
        try
        {
            while (queue.Count > 0 || active.Count > 0)
            {
                while (active.Count < maxInFlight && queue.TryDequeue(out var key))
                {
                    active[key] = null;
                }

                var round = active.Keys.Select(async key =>
                {
                    try
                    {
                        return (key, status: (VideoStatus?)await grains.GetGrain<IVideoGrain>(key).EnsureStartedAsync().WaitAsync(cancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // A silo died under this grain, or the call timed out: the next round's call re-activates it elsewhere.
                        Interlocked.Increment(ref callErrors);
                        return (key, status: (VideoStatus?)null);
                    }
                }).ToList();
                foreach (var (key, status) in await Task.WhenAll(round).ConfigureAwait(false))
                {
                    if (status is { IsDone: true })
                    {
                        active.Remove(key);
                        results.Add(status);
                    }
                    else if (status is not null)
                    {
                        active[key] = status;
                    }
                }

                progress?.Invoke(new FleetProgress(
                    total,
                    queue.Count,
                    active.Values.Count(s => s is null || s.Stage is VideoStage.Pending or VideoStage.Creating),
                    active.Values.Count(s => s?.Stage == VideoStage.Waiting),
                    active.Values.Count(s => s?.Stage == VideoStage.Downloading),
                    results.Count(r => r.Stage == VideoStage.Succeeded),
                    results.Count(r => r.Stage == VideoStage.Failed),
                    stopwatch.Elapsed));
                if (queue.Count > 0 || active.Count > 0)
                {
                    await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Report what ended; the rest is listed as unfinished.
        }

        return new FleetSummary(results, [.. active.Keys, .. queue], stopwatch.Elapsed, callErrors);
    }
}
