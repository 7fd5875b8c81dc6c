using System.Collections.Concurrent;
using CometApi.Kling.Diagnostics;

namespace CometApi.Kling.Http;

/// <summary>
/// The client-side limit on running tasks (<see cref="KlingResilienceOptions.MaxConcurrentTasks"/>): a create takes its
/// slots before it is sent and holds them until this client sees the task end (any query, a wait, a generate).
/// Creates over the limit wait in line instead of failing with code 1303. A create that fails gives its slots back.
/// </summary>
/// <remarks>
/// A task may hold several slots (Kling counts an <c>n</c>-image generation as <c>n</c> tasks). A create takes all of its
/// slots at once or none, so two waiting creates never each hold part of what the other needs (no deadlock), and the
/// line is first come, first served: a create that needs many slots is not overtaken forever by creates needing one.
/// </remarks>
internal sealed class KlingTaskSlots
{
    private readonly int _max;
    private readonly KlingTelemetry _telemetry;
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _line = new();
    private readonly ConcurrentDictionary<string, Slot> _running = new(StringComparer.Ordinal);
    private int _free;

    public KlingTaskSlots(int max, KlingTelemetry telemetry)
    {
        _max = max;
        _free = max;
        _telemetry = telemetry;
    }

    /// <summary>The most slots there are (<see cref="KlingResilienceOptions.MaxConcurrentTasks"/>).</summary>
    public int Max => _max;

    /// <summary>Slots in use (for tests).</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _max - _free;
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="count"/> slots together, waiting in line until they are free. The caller has checked that
    /// <paramref name="count"/> is between 1 and <see cref="Max"/> (more could never be granted).
    /// </summary>
    public Task<Slot> AcquireAsync(int count, CancellationToken cancellationToken)
    {
        if (count < 1 || count > _max)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A task takes 1 to {_max} slots.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        int inUse;
        lock (_gate)
        {
            // Nobody is ahead in line and enough are free: taken at once.
            if (_line.Count == 0 && _free >= count)
            {
                _free -= count;
                return Task.FromResult(new Slot(this, count));
            }

            waiter = new Waiter(this, count, cancellationToken);
            waiter.Node = _line.AddLast(waiter);
            inUse = _max - _free;
        }

        KlingLog.WaitingForSlot(_telemetry.Logger, count, inUse, _max);
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).Cancel(), waiter);
        }

        return waiter.Task;
    }

    /// <summary>Frees the slots of a task this client created once it is seen in a terminal state.</summary>
    public void Observe(TaskResponse task)
    {
        if (task.Data.TaskStatus.IsTerminal && _running.TryRemove(task.Data.TaskId, out var slot))
        {
            slot.Dispose();
        }
    }

    private void Release(int count)
    {
        List<Waiter>? granted = null;
        lock (_gate)
        {
            _free += count;
            GrantInOrder(ref granted);
        }

        Complete(granted);
    }

    private void Cancel(Waiter waiter)
    {
        List<Waiter>? granted = null;
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted
            }

            _line.Remove(waiter.Node);
            waiter.Node = null;

            // The canceled create may have been the head of the line, holding back smaller ones behind it.
            GrantInOrder(ref granted);
        }

        waiter.Registration.Dispose();
        waiter.TrySetCanceled(waiter.CancellationToken);
        Complete(granted);
    }

    /// <summary>Grants waiters from the head of the line while the head's slots are free (called under the lock).</summary>
    private void GrantInOrder(ref List<Waiter>? granted)
    {
        while (_line.First is { } head && head.Value.Count <= _free)
        {
            _free -= head.Value.Count;
            _line.RemoveFirst();
            head.Value.Node = null;
            (granted ??= []).Add(head.Value);
        }
    }

    /// <summary>Completes granted waiters outside the lock (their continuations run asynchronously anyway).</summary>
    private void Complete(List<Waiter>? granted)
    {
        if (granted is null)
        {
            return;
        }

        foreach (var waiter in granted)
        {
            waiter.Registration.Dispose();
            var slot = new Slot(this, waiter.Count);
            if (!waiter.TrySetResult(slot))
            {
                slot.Dispose();
            }
        }
    }

    /// <summary>A create waiting in line for its slots.</summary>
    private sealed class Waiter(KlingTaskSlots owner, int count, CancellationToken cancellationToken)
        : TaskCompletionSource<Slot>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public int Count => count;

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>The waiter's place in line; null once granted or canceled (read and written under the owner's lock).</summary>
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel() => owner.Cancel(this);
    }

    /// <summary>The slots one task holds (one, or <c>n</c> for an <c>n</c>-image generation), given back together once.</summary>
    internal sealed class Slot(KlingTaskSlots owner, int count) : IDisposable
    {
        private int _released;

        /// <summary>How many slots this task holds.</summary>
        public int Count => count;

        /// <summary>Keeps the slots until the task is seen to end (at once if it already has).</summary>
        public void Bind(TaskResponse task)
        {
            if (task.Data.TaskStatus.IsTerminal || !owner._running.TryAdd(task.Data.TaskId, this))
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(count);
            }
        }
    }
}
