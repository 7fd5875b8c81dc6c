using System.Runtime.CompilerServices;
using CometApi.Kling.Diagnostics;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>Reading tasks of any kind: by id, by external id, as a list.</summary>
public partial class KlingClient
{
    /// <summary>Gets a task by the service's id (<c>GET kling/v1/{kind route}/{task_id}</c>).</summary>
    /// <param name="kind">The task's kind (e.g. <see cref="KlingTaskKind.TextToVideo"/>): Kling finds a task only under its own route.</param>
    /// <param name="taskId">The <see cref="TaskData.TaskId"/> returned when the task was created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task as it is now, with its <see cref="TaskData.Kind"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unspecified, or <paramref name="taskId"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request (e.g. unknown task) or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived.</exception>
    public virtual async Task<TaskResponse> GetTaskAsync(KlingTaskKind kind, string taskId, CancellationToken cancellationToken = default)
    {
        CheckKind(kind);
        CheckTaskId(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        return await QueryTaskAsync(kind, taskId, retry: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets a task by the id you chose (<c>ExternalTaskId</c> of its request), for when only that id was stored
    /// (<c>GET kling/v1/{kind route}?external_task_id=</c>). Kling documents lookup by external id but not its exact form,
    /// and <b>CometAPI does not document it at all</b>; the query-string form used here is the one third-party clients
    /// use. If the host ignores the parameter, this fails rather than return another task.
    /// </summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="externalTaskId">Your own id, as sent when the task was created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task as it is now, with its <see cref="TaskData.Kind"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unspecified, or <paramref name="externalTaskId"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">No task has that external id (HTTP 404), the host answered with a different task, or another error.</exception>
    /// <exception cref="KlingConnectionException">No response arrived.</exception>
    public virtual async Task<TaskResponse> GetTaskByExternalIdAsync(KlingTaskKind kind, string externalTaskId, CancellationToken cancellationToken = default)
    {
        CheckKind(kind);
        if (string.IsNullOrWhiteSpace(externalTaskId))
        {
            throw new ArgumentException("An external task id is required (the ExternalTaskId the task was created with).", nameof(externalTaskId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await QueryByExternalIdAsync(kind, externalTaskId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists your tasks of one kind, newest first, fetching pages (<c>GET kling/v1/{kind route}?pageNum=&amp;pageSize=</c>,
    /// the official Kling list endpoint; CometAPI does not document it) only as you enumerate: stop enumerating and no
    /// further page is asked for. Enumeration ends after the first short page or page 1000.
    /// </summary>
    /// <param name="kind">The kind to list.</param>
    /// <param name="pageSize">Tasks fetched per request, 1 to 500.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>
    /// Each task as a <see cref="TaskResponse"/>, like every other call: its <see cref="TaskResponse.Data"/> with its
    /// <see cref="TaskData.Kind"/>, and the <see cref="TaskResponse.RequestId"/> and <see cref="TaskResponse.Message"/> of
    /// the page it came on.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unspecified.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured (at the first page); nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused a page request or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived for a page.</exception>
    /// <remarks>
    /// There is no call for one page by number: the list is newest first, so a task created between two page requests
    /// shifts every later page by one, and page numbers are no cursor. Enumerate from the start instead.
    /// </remarks>
    public virtual IAsyncEnumerable<TaskResponse> ListTasksAsync(KlingTaskKind kind, int pageSize = 30, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so a bad argument fails at the call rather than at the first MoveNextAsync.
        CheckKind(kind);
        CheckPaging(1, pageSize);
        return ListCoreAsync(kind, pageSize, cancellationToken);
    }

    private async IAsyncEnumerable<TaskResponse> ListCoreAsync(KlingTaskKind kind, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var pageNumber = 1; pageNumber <= MaxPageNumber; pageNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var route = FormattableString.Invariant($"{RoutePrefix}{kind.Route}?pageNum={pageNumber}&pageSize={pageSize}");
            var page = await Sender.SendAsync(
                HttpMethod.Get, route, KlingJsonContext.Default.TaskListResponse, $"Listing tasks (page {pageNumber})", retry: true, cancellationToken)
                .ConfigureAwait(false);
            foreach (var task in page.Data)
            {
                task.AssignKind(kind);
                yield return new TaskResponse { Code = page.Code, Message = page.Message, RequestId = page.RequestId, Data = task };
            }

            if (page.Data.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The lookup by external id, with its kind; the task it finds counts for the concurrency limit.</summary>
    private async Task<TaskResponse> QueryByExternalIdAsync(KlingTaskKind kind, string externalTaskId, CancellationToken cancellationToken)
    {
        TaskResponse task;
        try
        {
            task = WithKind(await Sender.GetByExternalIdAsync(RoutePrefix + kind.Route, externalTaskId, countFailure: true, cancellationToken).ConfigureAwait(false), kind);
        }
        catch (KlingException ex)
        {
            ex.About(KlingTaskHandle.FromExternalId(kind, externalTaskId), lastKnownTask: null);
            throw;
        }

        _slots?.Observe(task);
        return task;
    }

    private async Task<TaskResponse> QueryTaskAsync(KlingTaskKind kind, string taskId, bool retry, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start("kling.query", taskId);
        activity?.SetTag("kling.task_kind", kind.Route);
        return await KlingTelemetry.TraceAsync(activity, async () =>
        {
            TaskResponse task;
            try
            {
                task = await Sender.SendAsync(
                    HttpMethod.Get, $"{RoutePrefix}{kind.Route}/{Uri.EscapeDataString(taskId)}", KlingJsonContext.Default.TaskResponse, $"Querying task '{taskId}'", retry, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (KlingException ex)
            {
                ex.About(new KlingTaskHandle(kind, taskId), lastKnownTask: null);
                throw;
            }

            task = WithKind(task, kind);
            activity?.SetTag("kling.task_status", task.Data.TaskStatus.ToString());
            _telemetry.Polled(task);
            _slots?.Observe(task);
            return task;
        }).ConfigureAwait(false);
    }

    private static void CheckKind(KlingTaskKind kind)
    {
        if (kind.IsUnspecified)
        {
            throw new ArgumentException("A task kind is required (e.g. KlingTaskKind.ImageToVideo): Kling finds a task only under its own route.", nameof(kind));
        }
    }
}
