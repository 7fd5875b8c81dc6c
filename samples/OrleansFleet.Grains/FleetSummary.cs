namespace OrleansFleet;

/// <summary>The end of a fleet run.</summary>
/// <param name="Results">The final status of every video that ended.</param>
/// <param name="Unfinished">The keys that had not ended by the deadline (empty on a complete run).</param>
/// <param name="Elapsed">How long the run took.</param>
/// <param name="CallErrors">Grain calls that failed (e.g. to a silo that just died) and were simply retried on the next round.</param>
public sealed record FleetSummary(IReadOnlyList<VideoStatus> Results, IReadOnlyList<string> Unfinished, TimeSpan Elapsed, int CallErrors)
{
    /// <summary>The videos on disk.</summary>
    public IEnumerable<VideoStatus> Succeeded => Results.Where(r => r.Stage == VideoStage.Succeeded);

    /// <summary>The videos Kling (or a permanent error) failed, with the reason in <see cref="VideoStatus.Message"/>.</summary>
    public IEnumerable<VideoStatus> Failed => Results.Where(r => r.Stage == VideoStage.Failed);
}
