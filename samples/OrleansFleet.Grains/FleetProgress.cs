namespace OrleansFleet;

/// <summary>A snapshot of a fleet run, reported after each polling round.</summary>
/// <param name="Total">Videos submitted.</param>
/// <param name="Queued">Not started yet (held back by the in-flight bound).</param>
/// <param name="Creating">Looking up or creating their task (including backing off after 1303).</param>
/// <param name="Waiting">Their task exists and is being waited for.</param>
/// <param name="Downloading">Saving their video.</param>
/// <param name="Succeeded">Done, video on disk.</param>
/// <param name="Failed">Done, failed.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record FleetProgress(int Total, int Queued, int Creating, int Waiting, int Downloading, int Succeeded, int Failed, TimeSpan Elapsed)
{
    /// <summary>Succeeded plus failed.</summary>
    public int Done => Succeeded + Failed;
}
