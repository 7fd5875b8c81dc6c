using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> over <see cref="FakeTimeProvider"/> that knows its pending timers, so a test can jump
/// straight to the next due time (and wait, without sleeping, until the code under test has armed its next timer).
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = [];
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public VirtualClock(DateTimeOffset? start = null) => Fake = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeTimeProvider Fake { get; }

    /// <summary>How many timers have been created (or <see cref="NotifyBlocked"/> calls made) so far.</summary>
    public int TimersCreated { get; private set; }

    /// <summary>
    /// Tells <see cref="RunAsync{T}"/> that the code under test is blocked on something only an already armed timer
    /// can release (e.g. a fake server that never answers), so it should move time on instead of waiting for a new timer.
    /// </summary>
    public void NotifyBlocked() => Signal(tracked: null);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, dueTime, period);
        tracked.Inner = Fake.CreateTimer(callback, state, dueTime, period);
        Signal(tracked);
        return tracked;
    }

    private void Signal(TrackedTimer? tracked)
    {
        TaskCompletionSource created;
        lock (_gate)
        {
            if (tracked is not null)
            {
                _timers.Add(tracked);
            }

            TimersCreated++;
            created = _timerCreated;
            _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        created.TrySetResult();
    }

    /// <summary>The due time of the earliest timer that has not fired or been disposed.</summary>
    public DateTimeOffset? NextDue()
    {
        var now = GetUtcNow();
        lock (_gate)
        {
            _timers.RemoveAll(timer => timer.Disposed || timer.Due is null || (timer.Due <= now && timer.Period == Timeout.InfiniteTimeSpan));
            return _timers.Count == 0 ? null : _timers.Min(timer => timer.Due);
        }
    }

    /// <summary>Moves time to the next pending timer (firing it); false if none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        if (NextDue() is not { } due)
        {
            return false;
        }

        var step = due - GetUtcNow();
        Fake.Advance(step < TimeSpan.Zero ? TimeSpan.Zero : step);
        return true;
    }

    /// <summary>Completes once more than <paramref name="seen"/> timers exist or <paramref name="until"/> ends.</summary>
    public Task WaitForTimerAsync(int seen, Task until)
    {
        Task created;
        lock (_gate)
        {
            if (TimersCreated > seen)
            {
                return Task.CompletedTask;
            }

            created = _timerCreated.Task;
        }

        // A hang guard, not a sleep: the code under test normally arms its next timer within microseconds.
        return Task.WhenAny(created, until).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Runs <paramref name="operation"/> to its end in virtual time: each time it has armed its next timer, jump to
    /// the earliest pending one. Returns the task so the caller can await its result or exception.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        var task = operation();
        while (!task.IsCompleted)
        {
            var seen = TimersCreated;
            if (!AdvanceToNextTimer())
            {
                // Nothing to fire: the operation is busy on another thread; let it arm a timer or finish.
                await WaitForTimerAsync(seen, task);
                continue;
            }

            await WaitForTimerAsync(seen, task);
        }

        return await task;
    }

    private sealed class TrackedTimer(VirtualClock clock, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; } = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;

        public TimeSpan Period { get; private set; } = period;

        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                Period = period;
            }

            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disposed = true;
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return Inner.DisposeAsync();
        }
    }
}
