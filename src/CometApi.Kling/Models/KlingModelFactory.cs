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

    /// <summary>Builds a <see cref="KlingGeneratedAudio"/> (<c>task_result.audios[]</c>) as text-to-audio or video-to-audio return it.</summary>
    /// <param name="mp3Url">Where the MP3 can be downloaded.</param>
    /// <param name="wavUrl">Where the WAV can be downloaded.</param>
    /// <param name="id">The audio's id.</param>
    /// <param name="mp3Duration">The MP3's length in seconds as the service writes it, e.g. <c>"5.04"</c>.</param>
    /// <param name="wavDuration">The WAV's length in seconds as the service writes it.</param>
    /// <param name="url">The audio of a route that offers one format.</param>
    /// <param name="duration">That audio's length in seconds as the service writes it.</param>
    /// <param name="videoId">Video-to-audio: the id of the video with its new sound, when listed in the audio item.</param>
    /// <param name="videoUrl">Video-to-audio: the video with its new sound, when listed in the audio item.</param>
    /// <returns>The audio.</returns>
    public static KlingGeneratedAudio GeneratedAudio(
        Uri? mp3Url = null,
        Uri? wavUrl = null,
        string? id = null,
        string? mp3Duration = null,
        string? wavDuration = null,
        Uri? url = null,
        string? duration = null,
        string? videoId = null,
        Uri? videoUrl = null) => new()
        {
            Id = id,
            Mp3Url = mp3Url,
            WavUrl = wavUrl,
            Mp3Duration = mp3Duration,
            WavDuration = wavDuration,
            Url = url,
            Duration = duration,
            VideoId = videoId,
            VideoUrl = videoUrl,
        };
}
