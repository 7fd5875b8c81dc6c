using CometApi.Kling.Diagnostics;
using CometApi.Kling.Waiting;

namespace CometApi.Kling;

/// <summary>Waiting for a task of any kind to end, from the task itself or from a stored handle.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Waits until a task ends (succeeds or fails) by querying it on a schedule that starts at about 2 s and grows with the
    /// time waited (see <see cref="KlingWaitOptions"/>). Transient errors (network, 5xx, rate limits, unreadable answers)
    /// are retried until the timeout, honouring <c>Retry-After</c>; permanent ones end the wait.
    /// </summary>
    /// <param name="task">A task the client returned (from a create, a query or a list): it knows its kind.</param>
    /// <param name="options">The timeout, schedule and progress; <see langword="null"/> means the defaults (30 minutes at most).</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on on the service).</param>
    /// <returns>The task in its terminal state: a failed task is returned, not thrown.</returns>
    /// <exception cref="ArgumentException">The task does not say its kind (wait with a <see cref="KlingTaskHandle"/> then), or <paramref name="options"/> has an unusable setting.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end within <see cref="KlingWaitOptions.Timeout"/>; its <see cref="KlingException.Task"/> resumes the wait.</exception>
    /// <exception cref="KlingApiException">A permanent error ended the wait (unknown task, bad key, account state).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public virtual Task<TaskResponse> WaitForCompletionAsync(TaskResponse task, KlingWaitOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(KlingTaskHandle.From(task), options, cancellationToken);

    /// <summary>
    /// Waits until a task ends, from its kind and id (or its kind and your external id, looked up first): a wait can be
    /// resumed in any process from a stored <see cref="KlingTaskHandle"/>. Only the individual query is used.
    /// </summary>
    /// <param name="task">The task's kind and id, e.g. <c>new KlingTaskHandle(KlingTaskKind.TextToVideo, taskId)</c> or <see cref="KlingTaskHandle.FromExternalId"/>.</param>
    /// <param name="options">The timeout, schedule and progress; <see langword="null"/> means the defaults (30 minutes at most).</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on on the service).</param>
    /// <returns>The task in its terminal state: a failed task is returned, not thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has an unusable setting.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end within <see cref="KlingWaitOptions.Timeout"/>; its <see cref="KlingException.Task"/> resumes the wait.</exception>
    /// <exception cref="KlingApiException">A permanent error ended the wait (unknown task or external id, bad key, account state).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public virtual async Task<TaskResponse> WaitForCompletionAsync(KlingTaskHandle task, KlingWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        options ??= new KlingWaitOptions();
        KlingTaskWaiter.Validate(options);
        if (task.TaskId is { } taskId)
        {
            return await WaitTracedAsync(task.Kind, taskId, options, alreadyReported: null, cancellationToken).ConfigureAwait(false);
        }

        // Known only by the external id: find the task first, then wait on its id like any other.
        var found = await GetTaskByExternalIdAsync(task.Kind, task.ExternalTaskId!, cancellationToken).ConfigureAwait(false);
        options.Progress?.Report(found);
        return found.Data.TaskStatus.IsTerminal
            ? found
            : await WaitTracedAsync(task.Kind, found.Data.TaskId, options, found.Data.TaskStatus, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The wait with its span: tagged with the task id and the final status, marked failed when the wait throws.</summary>
    private async Task<TaskResponse> WaitTracedAsync(
        KlingTaskKind kind, string taskId, KlingWaitOptions options, KlingTaskStatus? alreadyReported, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start("kling.wait", taskId);
        activity?.SetTag("kling.task_kind", kind.Route);

        // A timeout too (KlingWaitTimeoutException is a KlingException): the span says the wait failed.
        return await KlingTelemetry.TraceAsync(activity, async () =>
        {
            var done = await KlingTaskWaiter.WaitAsync(Poll(kind), kind, taskId, options, _timeProvider, alreadyReported, cancellationToken, _telemetry.StatusChanged)
                .ConfigureAwait(false);
            activity?.SetTag("kling.task_status", done.Data.TaskStatus.ToString());
            return done;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The query a wait polls with: one attempt (with its attempt timeout), because the wait loop is already the retry
    /// loop of its polls (backoff, Retry-After, its own deadline). A client made for mocking polls through the virtual
    /// <see cref="GetTaskAsync"/>.
    /// </summary>
    private Func<string, CancellationToken, Task<TaskResponse>> Poll(KlingTaskKind kind) =>
        _sender is null
            ? (taskId, token) => GetTaskAsync(kind, taskId, token)
            : (taskId, token) => QueryTaskAsync(kind, taskId, retry: false, token);
}
