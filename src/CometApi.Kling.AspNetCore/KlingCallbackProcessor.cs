using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CometApi.Kling.AspNetCore;

/// <summary>
/// The work behind a callback endpoint. The HTTP answer only queues the task id (so Kling gets its 200 in
/// microseconds, whatever the handler does); workers then re-fetch the task through the authenticated API and call
/// the handler when, and only when, the fetched status is new for that task. The callback body is never used as
/// state: it is unsigned, so a forged, repeated or stale body can at most cause one extra re-fetch (one query per
/// kind tried, at most <see cref="KlingTaskKind.Known"/> of them).
/// </summary>
/// <remarks>
/// A task id is never queued twice or handled by two workers at once: a callback arriving while its task is being
/// handled marks it for one more pass afterwards (the new callback may mean a newer status). That exclusivity is what
/// makes "at most once per status change" hold with several workers.
/// <para>
/// Kling finds a task only under its own kind's route, and neither the callback body nor the task id says the kind.
/// The kind is taken, in this order, from the task's earlier re-fetch (remembered with its last delivered status),
/// from the callback URL's <c>kind</c> query parameter (a known kind's short name or route; tried first, the other
/// known kinds after it if it does not find the task, so a wrong or forged hint never hides a real task), or by
/// trying every known kind in order until one finds the task.
/// </para>
/// </remarks>
internal sealed partial class KlingCallbackProcessor
{
    private readonly IServiceProvider _services;
    private readonly Func<TaskResponse, IServiceProvider, CancellationToken, Task> _handler;
    private readonly KlingCallbackEndpointOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Channel<string> _queue;
    private readonly object _gate = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KlingTaskKind>> _hints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tracked> _delivered = new(StringComparer.Ordinal);
    private readonly Queue<string> _deliveredOrder = new();
    private TaskCompletionSource _idle = CompletedSource();
    private int _started;

    public KlingCallbackProcessor(
        IServiceProvider services,
        Func<TaskResponse, IServiceProvider, CancellationToken, Task> handler,
        KlingCallbackEndpointOptions options,
        ILogger logger,
        CancellationToken stopping)
    {
        _services = services;
        _handler = handler;
        _options = options;
        _logger = logger;
        _stopping = stopping;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Completes when no task id is queued or being handled (for tests and orderly shutdown).</summary>
    public Task WhenIdle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Task;
            }
        }
    }

    /// <summary>Accepts a callback's task id; false only when the queue is full.</summary>
    /// <param name="taskId">The task id read from the callback body.</param>
    /// <param name="kindHint">The callback URL's <c>kind</c> query parameter, if any (a known kind's short name or route).</param>
    public bool Enqueue(string taskId, string? kindHint = null)
    {
        EnsureStarted();
        var hint = ParseHint(taskId, kindHint);
        lock (_gate)
        {
            if (_delivered.TryGetValue(taskId, out var last) && last.Status.IsTerminal)
            {
                // Nothing can follow a terminal status: skip the query (and stale or forged repeats cost nothing).
                Log.AlreadyEnded(_logger, taskId, last.Status.ToString());
                return true;
            }

            if (_queued.Contains(taskId))
            {
                AddHint(taskId, hint);
                return true;
            }

            if (_inFlight.Contains(taskId))
            {
                _again.Add(taskId);
                AddHint(taskId, hint);
                return true;
            }

            if (!_queue.Writer.TryWrite(taskId))
            {
                Log.QueueFull(_logger, taskId, _options.QueueCapacity);
                return false;
            }

            _queued.Add(taskId);
            AddHint(taskId, hint);
            UpdateIdle();
            return true;
        }
    }

    private KlingTaskKind? ParseHint(string taskId, string? kindHint)
    {
        if (string.IsNullOrWhiteSpace(kindHint))
        {
            return null;
        }

        // Only kinds this SDK knows: the hint comes from an unauthenticated URL and must never choose an arbitrary route.
        if (KlingTaskKind.TryParse(kindHint, out var kind))
        {
            return kind;
        }

        Log.UnknownKindHint(_logger, taskId);
        return null;
    }

    private void AddHint(string taskId, KlingTaskKind? hint)
    {
        if (hint is not { } kind)
        {
            return;
        }

        // Every distinct hint received while the id waits is kept (at most one per known kind), so a forged callback
        // with a wrong hint cannot replace the right one.
        if (!_hints.TryGetValue(taskId, out var kinds))
        {
            _hints[taskId] = kinds = new List<KlingTaskKind>(1);
        }

        if (!kinds.Contains(kind))
        {
            kinds.Add(kind);
        }
    }

    /// <summary>The kinds to query for a task about to be re-fetched, in order (called under the lock).</summary>
    private List<KlingTaskKind> TakeCandidateKinds(string taskId)
    {
        _hints.Remove(taskId, out var hinted);
        if (_delivered.TryGetValue(taskId, out var tracked))
        {
            // Proven by an earlier re-fetch: no probing, whatever a callback URL says.
            return [tracked.Kind];
        }

        var kinds = hinted ?? new List<KlingTaskKind>(KlingTaskKind.Known.Count);
        foreach (var known in KlingTaskKind.Known)
        {
            if (!kinds.Contains(known))
            {
                kinds.Add(known);
            }
        }

        return kinds;
    }

    private void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        for (var i = 0; i < _options.MaxConcurrency; i++)
        {
            _ = Task.Run(WorkAsync, CancellationToken.None);
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var taskId))
                {
                    List<KlingTaskKind> kinds;
                    lock (_gate)
                    {
                        _queued.Remove(taskId);
                        _inFlight.Add(taskId);
                        kinds = TakeCandidateKinds(taskId);
                    }

                    try
                    {
                        await ProcessAsync(taskId, kinds).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex)
                    {
                        // A failing handler must not stop the endpoint; the task can be reconciled by polling.
                        Log.HandlerFailed(_logger, ex, taskId);
                    }
                    finally
                    {
                        Finish(taskId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The application is stopping.
        }
    }

    private void Finish(string taskId)
    {
        lock (_gate)
        {
            _inFlight.Remove(taskId);
            if (_again.Remove(taskId) && !_stopping.IsCancellationRequested && _queue.Writer.TryWrite(taskId))
            {
                _queued.Add(taskId);
            }
            else
            {
                _hints.Remove(taskId);
            }

            UpdateIdle();
        }
    }

    private async Task ProcessAsync(string taskId, List<KlingTaskKind> kinds)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var client = scope.ServiceProvider.GetRequiredService<KlingClient>();
            var task = await FetchAsync(client, taskId, kinds).ConfigureAwait(false);
            if (task is null || !MarkDelivered(taskId, task))
            {
                return;
            }

            await _handler(task, scope.ServiceProvider, _stopping).ConfigureAwait(false);
        }
    }

    private async Task<TaskResponse?> FetchAsync(KlingClient client, string taskId, List<KlingTaskKind> kinds)
    {
        // One call per kind: the client's own resilience pipeline (KlingClientOptions.Resilience) already retries
        // transient failures with backoff and Retry-After. Retrying here as well would multiply its attempts.
        foreach (var kind in kinds)
        {
            try
            {
                var task = await client.GetTaskAsync(kind, taskId, _stopping).ConfigureAwait(false);
                return task.Data.Kind.IsUnspecified ? task with { Data = task.Data with { Kind = kind } } : task;
            }
            catch (KlingApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Not a task of this kind (Kling finds a task only under its own route): try the next kind.
                Log.NotOfKind(_logger, taskId, kind.Name);
            }
            catch (KlingException ex)
            {
                Log.FetchFailed(_logger, ex, taskId, kind.Name);
                return null;
            }
        }

        // No kind knows the id: a forged callback (or another account's task). Never a delivery.
        Log.UnknownTask(_logger, taskId, string.Join(", ", kinds.Select(kind => kind.Name)));
        return null;
    }

    /// <summary>
    /// Records the status as delivered and says whether to deliver it: only a status different from the last one
    /// delivered, never one that goes backwards (a stale read), never anything after a terminal status.
    /// </summary>
    private bool MarkDelivered(string taskId, TaskResponse task)
    {
        var status = task.Data.TaskStatus;
        lock (_gate)
        {
            if (_delivered.TryGetValue(taskId, out var tracked))
            {
                var last = tracked.Status;
                if (last == status || last.IsTerminal || Rank(status) < Rank(last))
                {
                    Log.NotNew(_logger, taskId, status.ToString(), last.ToString());
                    return false;
                }
            }
            else
            {
                _deliveredOrder.Enqueue(taskId);
                while (_deliveredOrder.Count > _options.TrackedTaskCapacity)
                {
                    _delivered.Remove(_deliveredOrder.Dequeue());
                }
            }

            _delivered[taskId] = new Tracked(status, task.Data.Kind);
            return true;
        }
    }

    /// <summary>What is remembered of a delivered task: its last delivered status and the kind it was found under.</summary>
    private readonly record struct Tracked(KlingTaskStatus Status, KlingTaskKind Kind);

    private static int Rank(KlingTaskStatus status) =>
        status.IsTerminal ? 2 : status == KlingTaskStatus.Submitted ? 0 : 1;

    private TimeProvider TimeProvider => _services.GetService<IOptions<KlingClientOptions>>()?.Value.TimeProvider ?? TimeProvider.System;

    private void UpdateIdle()
    {
        var busy = _queued.Count + _inFlight.Count > 0;
        if (busy && _idle.Task.IsCompleted)
        {
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else if (!busy)
        {
            _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Kling callback for task {TaskId} ignored: the API does not know this task under any kind tried ({Kinds}); forged or foreign id.")]
        public static partial void UnknownTask(ILogger logger, string taskId, string kinds);

        [LoggerMessage(2, LogLevel.Debug, "Kling callback for task {TaskId} not delivered: status '{Status}' is not new (last delivered '{Last}').")]
        public static partial void NotNew(ILogger logger, string taskId, string status, string last);

        [LoggerMessage(3, LogLevel.Debug, "Kling callback for task {TaskId} ignored: the task already ended ('{Status}' was delivered).")]
        public static partial void AlreadyEnded(ILogger logger, string taskId, string status);

        [LoggerMessage(4, LogLevel.Warning, "Kling callback for task {TaskId} refused: {Capacity} tasks are already queued.")]
        public static partial void QueueFull(ILogger logger, string taskId, int capacity);

        [LoggerMessage(5, LogLevel.Debug, "Kling callback for task {TaskId}: no {Kind} task has this id; trying the next kind.")]
        public static partial void NotOfKind(ILogger logger, string taskId, string kind);

        [LoggerMessage(6, LogLevel.Error, "Re-fetching task {TaskId} ({Kind}) after a Kling callback failed; the callback is dropped (reconcile by polling).")]
        public static partial void FetchFailed(ILogger logger, Exception exception, string taskId, string kind);

        [LoggerMessage(7, LogLevel.Error, "The Kling callback handler failed for task {TaskId}; this status will not be delivered again.")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string taskId);

        [LoggerMessage(8, LogLevel.Warning, "Kling callback for task {TaskId}: the URL's 'kind' parameter is not a kind this SDK knows; ignored, every known kind is tried.")]
        public static partial void UnknownKindHint(ILogger logger, string taskId);
    }
}
