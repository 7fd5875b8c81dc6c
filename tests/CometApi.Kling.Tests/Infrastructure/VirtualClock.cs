using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> over <see cref="FakeTimeProvider"/> that knows its pending timers, so a test can jump
/// straight to the next due time, and that knows when the operation it runs is still running somewhere, so it never
/// jumps while the code under test (or the in-process server it talks to) is busy.
/// </summary>
/// <remarks>
/// <see cref="RunAsync{T}"/> tags the operation's execution context with an <see cref="AsyncLocal{T}"/> whose change
/// handler counts the threads currently running code of that flow (the runtime calls it whenever a thread switches
/// into or out of a context carrying the tag: awaits, continuations, timer and cancellation callbacks). Time moves on
/// only when that count is zero, i.e. every part of the operation waits: on a timer of this clock (a backoff, an
/// emulator's latency), on a cancellation only such a timer can bring (a hung request), or on nothing at all. A server
/// delay is then no longer "busy" (the deadlock of counting in-flight requests), and a lookup still being answered is
/// no longer overtaken by its own attempt timeout (the race of jumping on every new timer).
/// </remarks>
internal sealed class VirtualClock : TimeProvider
{
    /// <summary>A hang guard, not a sleep: the code under test normally reaches its next wait within microseconds.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = [];
    private readonly AsyncLocal<object?> _flow;
    private readonly object _tag = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private long _changes;

    public VirtualClock(DateTimeOffset? start = null)
    {
        Fake = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _flow = new AsyncLocal<object?>(OnFlowChanged);
    }

    public FakeTimeProvider Fake { get; }

    /// <summary>How many timers have been created (or <see cref="NotifyBlocked"/> calls made) so far.</summary>
    public int TimersCreated { get; private set; }

    /// <summary>How many threads are running code of an operation started by <see cref="RunAsync{T}"/> right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Tells <see cref="RunAsync{T}"/> that the code under test is blocked on something only an already armed timer
    /// can release (e.g. a fake server that never answers). Kept for tests that say so explicitly; the flow tracking
    /// notices it by itself once the blocked code has yielded.
    /// </summary>
    public void NotifyBlocked()
    {
        lock (_gate)
        {
            TimersCreated++;
        }

        Changed();
    }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, dueTime, period);
        tracked.Inner = Fake.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timers.Add(tracked);
            TimersCreated++;
        }

        Changed();
        return tracked;
    }

    /// <summary>The due time of the earliest armed timer that has not fired or been disposed.</summary>
    public DateTimeOffset? NextDue()
    {
        var now = GetUtcNow();
        lock (_gate)
        {
            _timers.RemoveAll(timer => timer.Disposed);
            DateTimeOffset? next = null;
            foreach (var timer in _timers)
            {
                // A disarmed timer (no due time) or a fired one-shot stays tracked: Change can arm it again.
                if (timer.NextDue(now) is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
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
        Task changed;
        lock (_gate)
        {
            if (TimersCreated > seen)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return Task.WhenAny(changed, until).WaitAsync(HangGuard);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> to its end in virtual time: whenever no part of it is running, jump to the
    /// earliest pending timer (its callbacks run on this thread, inside the jump). Returns the task so the caller can
    /// await its result or exception.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        var task = Start(operation);
        while (!task.IsCompleted)
        {
            long seen;
            Task changed;
            lock (_gate)
            {
                seen = _changes;
                changed = _changed.Task;
            }

            if (Running == 0)
            {
                // Timer callbacks run inline, inside the jump, and with them every continuation the runtime inlines.
                // One it queues instead (a canceled Task.Delay, a SemaphoreSlim or RunContinuationsAsynchronously
                // completion) is not counted while it waits in the queue: let queued work start before deciding.
                await Task.Yield();
                if (Interlocked.Read(ref _changes) != seen)
                {
                    continue;
                }

                if (Running == 0 && AdvanceToNextTimer())
                {
                    continue;
                }
            }

            // Part of the operation is running (it will wait on something, arm a timer or finish), or it waits on
            // something other than this clock: wait for that to change, without sleeping.
            if (Interlocked.Read(ref _changes) == seen)
            {
                await Task.WhenAny(changed, task).WaitAsync(HangGuard);
            }
        }

        return await task;
    }

    /// <summary>
    /// Starts the operation tagged as this clock's flow, without the test framework's synchronization context (whose
    /// posts would move its continuations to other threads, untracked while queued).
    /// </summary>
    private Task<T> Start<T>(Func<Task<T>> operation)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        _flow.Value = _tag;
        try
        {
            return operation();
        }
        finally
        {
            _flow.Value = null;
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private void OnFlowChanged(AsyncLocalValueChangedArgs<object?> change)
    {
        var was = ReferenceEquals(change.PreviousValue, _tag);
        var now = ReferenceEquals(change.CurrentValue, _tag);
        if (was == now)
        {
            return;
        }

        if (now)
        {
            Interlocked.Increment(ref _running);
        }
        else if (Interlocked.Decrement(ref _running) == 0)
        {
            Changed();
        }
    }

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _changes++;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class TrackedTimer(VirtualClock clock, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; } = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;

        public TimeSpan Period { get; private set; } = period;

        public bool Disposed { get; private set; }

        /// <summary>When it fires next: its due time if still ahead, the next period of a periodic timer, else never.</summary>
        public DateTimeOffset? NextDue(DateTimeOffset now)
        {
            if (Due is not { } due)
            {
                return null;
            }

            if (due > now)
            {
                return due;
            }

            if (Period == Timeout.InfiniteTimeSpan || Period <= TimeSpan.Zero)
            {
                return null;
            }

            var periods = ((now - due).Ticks / Period.Ticks) + 1;
            return due + TimeSpan.FromTicks(periods * Period.Ticks);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                Period = period;
            }

            var changed = Inner.Change(dueTime, period);
            clock.Changed();
            return changed;
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
