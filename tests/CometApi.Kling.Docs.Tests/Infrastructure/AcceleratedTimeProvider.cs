namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// A real clock that runs <see cref="Factor"/> times faster: the docs' blocks wait with the SDK's defaults (first poll
/// after 2 s) on an emulator whose tasks take 5 s, and this makes each such wait take a fraction of a second without
/// changing a line of the block. The emulator and every client of the run share it, so they agree on time.
/// </summary>
internal sealed class AcceleratedTimeProvider : TimeProvider
{
    public const int Factor = 20;

    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public override long TimestampFrequency => Math.Max(1, System.TimestampFrequency / Factor);

    public override DateTimeOffset GetUtcNow() => _start + (System.GetElapsedTime(_startTimestamp) * Factor);

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)));

    private static TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;

    private sealed class ScaledTimer(ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Scale(dueTime), Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
