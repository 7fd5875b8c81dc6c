using System.Collections.Concurrent;
using CometApi.Kling.Diagnostics;

namespace CometApi.Kling.Http;

/// <summary>
/// The client-side limit on running tasks (<see cref="KlingResilienceOptions.MaxConcurrentTasks"/>): a create takes a
/// slot before it is sent and the slot is held until this client sees the task end (any query, a wait, a generate).
/// Creates over the limit wait in line instead of failing with code 1303. A create that fails gives its slot back.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its client; a SemaphoreSlim whose wait handle is never used holds nothing to dispose.")]
internal sealed class KlingTaskSlots(int max, KlingTelemetry telemetry)
{
    private readonly SemaphoreSlim _semaphore = new(max, max);
    private readonly ConcurrentDictionary<string, Slot> _running = new(StringComparer.Ordinal);

    /// <summary>Slots in use (for tests).</summary>
    public int InUse => max - _semaphore.CurrentCount;

    public async Task<Slot> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_semaphore.CurrentCount == 0)
        {
            KlingLog.WaitingForSlot(telemetry.Logger, max);
        }

        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(this);
    }

    /// <summary>Frees the slot of a task this client created once it is seen in a terminal state.</summary>
    public void Observe(TaskResponse task)
    {
        if (task.Data.TaskStatus.IsTerminal && _running.TryRemove(task.Data.TaskId, out var slot))
        {
            slot.Dispose();
        }
    }

    internal sealed class Slot(KlingTaskSlots owner) : IDisposable
    {
        private int _released;

        /// <summary>Keeps the slot until the task is seen to end (at once if it already has).</summary>
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
                owner._semaphore.Release();
            }
        }
    }
}
