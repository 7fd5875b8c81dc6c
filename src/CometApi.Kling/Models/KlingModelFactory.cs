namespace CometApi.Kling;

/// <summary>Builds response models for your own tests, e.g. to return from a mocked <see cref="KlingClient"/>.</summary>
public static class KlingModelFactory
{
    /// <summary>Builds a <see cref="TaskResponse"/> as the service would send it (code 0).</summary>
    /// <param name="data">The task.</param>
    /// <param name="message">The service's message.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <returns>The response.</returns>
    public static TaskResponse TaskResponse(TaskData data, string? message = "SUCCEED", string? requestId = null) =>
        new() { Code = 0, Message = message, RequestId = requestId, Data = data ?? throw new ArgumentNullException(nameof(data)) };

    /// <summary>Builds a <see cref="TaskData"/>.</summary>
    /// <param name="taskId">The service's task id.</param>
    /// <param name="status">The task's status.</param>
    /// <param name="videos">The result videos, for a succeeded task.</param>
    /// <param name="statusMessage">The failure reason, for a failed task.</param>
    /// <param name="externalTaskId">Your own id for the task.</param>
    /// <param name="createdAt">When the task was created.</param>
    /// <param name="updatedAt">When the task last changed; defaults to <paramref name="createdAt"/>.</param>
    /// <returns>The task.</returns>
    public static TaskData TaskData(
        string taskId,
        KlingTaskStatus status,
        IReadOnlyList<KlingVideo>? videos = null,
        string? statusMessage = null,
        string? externalTaskId = null,
        DateTimeOffset createdAt = default,
        DateTimeOffset? updatedAt = null) => new()
        {
            TaskId = taskId ?? throw new ArgumentNullException(nameof(taskId)),
            TaskStatus = status,
            TaskStatusMessage = statusMessage,
            TaskInfo = new TaskInfo { ExternalTaskId = externalTaskId },
            TaskResult = new TaskResult { Videos = videos ?? [] },
            CreatedAt = createdAt,
            UpdatedAt = updatedAt ?? createdAt,
        };

    /// <summary>Builds a <see cref="KlingVideo"/>.</summary>
    /// <param name="url">Where the MP4 can be downloaded.</param>
    /// <param name="id">The video's id.</param>
    /// <param name="duration">The length in seconds as the service writes it, e.g. <c>"5.1"</c>.</param>
    /// <returns>The video.</returns>
    public static KlingVideo Video(Uri url, string? id = null, string? duration = null) =>
        new() { Url = url ?? throw new ArgumentNullException(nameof(url)), Id = id, Duration = duration };
}
