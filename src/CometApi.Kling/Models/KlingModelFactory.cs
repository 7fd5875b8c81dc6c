using System.Globalization;
using System.Net;

namespace CometApi.Kling;

/// <summary>
/// Builds what <see cref="KlingClient"/> hands out, for your own tests: the responses a mocked client returns (its
/// members are virtual) and the exceptions it throws, whose rich constructors are internal (code that wraps the client,
/// such as the SDK's own CLI and Microsoft.Extensions.AI adapter, builds them here too). Each method is named after the
/// type it builds.
/// </summary>
public static class KlingModelFactory
{
    /// <summary>Builds a <see cref="Kling.TaskResponse"/> as the service would send it (code 0).</summary>
    /// <param name="data">The task.</param>
    /// <param name="message">The service's message.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    public static TaskResponse TaskResponse(TaskData data, string? message = "SUCCEED", string? requestId = null) =>
        new() { Code = 0, Message = message, RequestId = requestId, Data = data ?? throw new ArgumentNullException(nameof(data)) };

    /// <summary>Builds a <see cref="Kling.TaskData"/>; its result holds the given videos, images and audio (empty lists otherwise).</summary>
    /// <param name="taskId">The service's task id.</param>
    /// <param name="status">The task's status.</param>
    /// <param name="videos">The result videos, for a succeeded video task.</param>
    /// <param name="statusMessage">The failure reason, for a failed task.</param>
    /// <param name="externalTaskId">Your own id for the task.</param>
    /// <param name="createdAt">When the task was created.</param>
    /// <param name="updatedAt">When the task last changed; defaults to <paramref name="createdAt"/>.</param>
    /// <param name="kind">
    /// The task's kind, as every task the client returns has it; set it when the code under test waits on, downloads or
    /// makes a handle from the task (unspecified, as in a callback body, otherwise).
    /// </param>
    /// <param name="images">The result images, for a succeeded image task.</param>
    /// <param name="audios">The result audio, for a succeeded audio task.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taskId"/> is <see langword="null"/>.</exception>
    public static TaskData TaskData(
        string taskId,
        KlingTaskStatus status,
        IReadOnlyList<KlingVideo>? videos = null,
        string? statusMessage = null,
        string? externalTaskId = null,
        DateTimeOffset createdAt = default,
        DateTimeOffset? updatedAt = null,
        KlingTaskKind kind = default,
        IReadOnlyList<KlingGeneratedImage>? images = null,
        IReadOnlyList<KlingGeneratedAudio>? audios = null) => new()
        {
            TaskId = taskId ?? throw new ArgumentNullException(nameof(taskId)),
            Kind = kind,
            TaskStatus = status,
            TaskStatusMessage = statusMessage,
            TaskInfo = TaskInfo(externalTaskId),
            TaskResult = TaskResult(videos, images, audios),
            CreatedAt = createdAt,
            UpdatedAt = updatedAt ?? createdAt,
        };

    /// <summary>Builds a <see cref="Kling.TaskResult"/>.</summary>
    /// <param name="videos">The generated videos.</param>
    /// <param name="images">The generated images.</param>
    /// <param name="audios">The generated audio.</param>
    /// <returns>The result; a list not given is empty, as when the service leaves it out.</returns>
    public static TaskResult TaskResult(
        IReadOnlyList<KlingVideo>? videos = null, IReadOnlyList<KlingGeneratedImage>? images = null, IReadOnlyList<KlingGeneratedAudio>? audios = null) =>
        new() { Videos = videos ?? [], Images = images ?? [], Audios = audios ?? [] };

    /// <summary>Builds a <see cref="Kling.TaskInfo"/>.</summary>
    /// <param name="externalTaskId">Your own id for the task.</param>
    /// <param name="parentVideo">The video a video-extension task continues.</param>
    /// <returns>The task's creation details.</returns>
    public static TaskInfo TaskInfo(string? externalTaskId = null, KlingVideo? parentVideo = null) =>
        new() { ExternalTaskId = externalTaskId, ParentVideo = parentVideo };

    /// <summary>Builds a <see cref="Kling.KlingVideo"/>.</summary>
    /// <param name="url">Where the MP4 can be downloaded.</param>
    /// <param name="id">The video's id.</param>
    /// <param name="duration">The length in seconds as the service writes it, e.g. <c>"5.1"</c>.</param>
    /// <param name="watermarkUrl">Where the watermarked copy can be downloaded.</param>
    /// <returns>The video.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    public static KlingVideo KlingVideo(Uri url, string? id = null, string? duration = null, Uri? watermarkUrl = null) =>
        new() { Url = url ?? throw new ArgumentNullException(nameof(url)), Id = id, Duration = duration, WatermarkUrl = watermarkUrl };

    /// <summary>Builds a <see cref="Kling.KlingGeneratedImage"/>.</summary>
    /// <param name="url">Where the image can be downloaded.</param>
    /// <param name="index">The image's position among the task's images.</param>
    /// <param name="watermarkUrl">Where the watermarked copy can be downloaded.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    public static KlingGeneratedImage KlingGeneratedImage(Uri url, int? index = null, Uri? watermarkUrl = null) =>
        new() { Url = url ?? throw new ArgumentNullException(nameof(url)), Index = index, WatermarkUrl = watermarkUrl };

    /// <summary>Builds a <see cref="Kling.KlingGeneratedAudio"/> (<c>task_result.audios[]</c>) as text-to-audio or video-to-audio return it.</summary>
    /// <param name="id">The audio's id.</param>
    /// <param name="mp3Url">Where the MP3 can be downloaded.</param>
    /// <param name="wavUrl">Where the WAV can be downloaded.</param>
    /// <param name="url">The audio of a route that offers one format.</param>
    /// <param name="mp3Duration">The MP3's length in seconds as the service writes it, e.g. <c>"5.04"</c>.</param>
    /// <param name="wavDuration">The WAV's length in seconds as the service writes it.</param>
    /// <param name="duration">The one-format audio's length in seconds as the service writes it.</param>
    /// <param name="videoId">Video-to-audio: the id of the video with its new sound, when listed in the audio item.</param>
    /// <param name="videoUrl">Video-to-audio: the video with its new sound, when listed in the audio item.</param>
    /// <returns>The audio.</returns>
    public static KlingGeneratedAudio KlingGeneratedAudio(
        string? id = null,
        Uri? mp3Url = null,
        Uri? wavUrl = null,
        Uri? url = null,
        string? mp3Duration = null,
        string? wavDuration = null,
        string? duration = null,
        string? videoId = null,
        Uri? videoUrl = null) => new()
        {
            Id = id,
            Mp3Url = mp3Url,
            WavUrl = wavUrl,
            Url = url,
            Mp3Duration = mp3Duration,
            WavDuration = wavDuration,
            Duration = duration,
            VideoId = videoId,
            VideoUrl = videoUrl,
        };

    /// <summary>Builds a <see cref="Kling.KlingFaceIdentification"/>, what <see cref="KlingClient.IdentifyFacesAsync"/> returns.</summary>
    /// <param name="sessionId">The session a lip-sync names.</param>
    /// <param name="faces">The faces found; none when not given.</param>
    /// <returns>The identification.</returns>
    public static KlingFaceIdentification KlingFaceIdentification(string? sessionId, IReadOnlyList<KlingFace>? faces = null) =>
        new() { SessionId = sessionId, Faces = faces ?? [] };

    /// <summary>Builds a <see cref="Kling.KlingFace"/>.</summary>
    /// <param name="faceId">The face's id within its session.</param>
    /// <param name="faceImage">A picture of the face.</param>
    /// <param name="startTime">When the face first appears in the video, in ms.</param>
    /// <param name="endTime">When the face last appears in the video, in ms.</param>
    /// <returns>The face.</returns>
    public static KlingFace KlingFace(string? faceId, Uri? faceImage = null, long startTime = 0, long endTime = 0) =>
        new() { FaceId = faceId, FaceImage = faceImage, StartTime = startTime, EndTime = endTime };

    /// <summary>Builds a <see cref="Kling.KlingCallbackNotification"/>, as <see cref="KlingCallback.Parse"/> reads a callback body.</summary>
    /// <param name="taskId">The task the callback is about.</param>
    /// <param name="status">The status it reports.</param>
    /// <param name="externalTaskId">Your own id for the task, if the callback carried it.</param>
    /// <returns>The notification; its task's kind is unspecified, as in a real callback body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taskId"/> is <see langword="null"/>.</exception>
    public static KlingCallbackNotification KlingCallbackNotification(string taskId, KlingTaskStatus status, string? externalTaskId = null) =>
        new(new TaskResponse { Data = TaskData(taskId, status, externalTaskId: externalTaskId) });

    /// <summary>Builds a <see cref="Kling.KlingGenerationResult"/>, what <see cref="KlingClient.GenerateAsync"/> returns.</summary>
    /// <param name="task">The succeeded task.</param>
    /// <param name="files">The full paths of the saved files, at least one.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="files"/> is empty.</exception>
    public static KlingGenerationResult KlingGenerationResult(TaskResponse task, IReadOnlyList<string> files) => new(task, files);

    /// <summary>Builds a <see cref="Kling.KlingApiException"/> as the client throws it when the service refuses a call.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">Kling's numeric <c>code</c> (e.g. 1303), if the body had one.</param>
    /// <param name="serverMessage">The service's own message.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <param name="gatewayErrorType">The gateway's <c>error.type</c>, for an error CometAPI wrote itself.</param>
    /// <param name="gatewayErrorCode">The gateway's <c>error.code</c>, for an error CometAPI wrote itself.</param>
    /// <param name="isRetryable">Whether the same call may succeed later (see <see cref="KlingException.IsRetryable"/>).</param>
    /// <param name="retryAfter">The service's <c>Retry-After</c>, if it said.</param>
    /// <param name="task">The task the failed call concerned (a query or a wait), if any.</param>
    /// <param name="message">The message; a short description of the status and code when not given.</param>
    /// <returns>The exception, to throw from a mocked member.</returns>
    public static KlingApiException KlingApiException(
        HttpStatusCode statusCode,
        int? code = null,
        string? serverMessage = null,
        string? requestId = null,
        string? gatewayErrorType = null,
        string? gatewayErrorCode = null,
        bool isRetryable = false,
        TimeSpan? retryAfter = null,
        KlingTaskHandle? task = null,
        string? message = null)
    {
        message ??= string.Format(CultureInfo.InvariantCulture, "The call failed: HTTP {0}{1}.", (int)statusCode, code is { } kling ? $", Kling code {kling}" : string.Empty);
        var exception = new KlingApiException(
            message, statusCode, code, serverMessage, requestId, gatewayErrorType, gatewayErrorCode, isRetryable, innerException: null, retryAfter);
        exception.About(task, lastKnownTask: null);
        return exception;
    }

    /// <summary>Builds a <see cref="Kling.KlingTaskFailedException"/> for a failed task, as <see cref="KlingClient.GenerateAsync"/> throws it.</summary>
    /// <param name="task">The failed task (its <see cref="TaskData.Kind"/> set gives the exception its <see cref="KlingException.Task"/>).</param>
    /// <param name="message">The message; one naming the task and its <see cref="TaskData.TaskStatusMessage"/> when not given.</param>
    /// <returns>The exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public static KlingTaskFailedException KlingTaskFailedException(TaskResponse task, string? message = null)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        return new KlingTaskFailedException(message ?? $"Task '{task.Data.TaskId}' failed: {task.Data.TaskStatusMessage ?? "the service gave no reason"}.", task);
    }

    /// <summary>Builds a <see cref="Kling.KlingWaitTimeoutException"/> for a wait that ran out of time.</summary>
    /// <param name="task">The task that did not end in time, to resume with.</param>
    /// <param name="lastKnownTask">The task as last seen, if any query succeeded.</param>
    /// <param name="message">The message; one naming the task when not given.</param>
    /// <returns>The exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public static KlingWaitTimeoutException KlingWaitTimeoutException(KlingTaskHandle task, TaskResponse? lastKnownTask = null, string? message = null)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        return new KlingWaitTimeoutException(message ?? $"The {task} did not end in time; it goes on on the service.", task, lastKnownTask);
    }

    /// <summary>Builds a <see cref="Kling.KlingAmbiguousCreateException"/> for a create whose outcome is unknown.</summary>
    /// <param name="task">The kind and external id that find the task if it was made; <see langword="null"/> for a create without an external id.</param>
    /// <param name="message">The message; a short one when not given.</param>
    /// <param name="innerException">The failure that made the outcome unknown.</param>
    /// <returns>The exception (never retryable).</returns>
    public static KlingAmbiguousCreateException KlingAmbiguousCreateException(KlingTaskHandle? task, string? message = null, Exception? innerException = null) =>
        new(message ?? "Creating the task failed ambiguously; it may or may not exist.", task, innerException);

    /// <summary>Builds a <see cref="Kling.KlingDownloadException"/> for a download that could not complete.</summary>
    /// <param name="statusCode">The file host's HTTP status, if it answered with an error.</param>
    /// <param name="isRetryable">Whether downloading the same URL again may succeed.</param>
    /// <param name="lastKnownTask">The task whose result could not be saved (as <see cref="KlingClient.GenerateAsync"/> and <see cref="KlingClient.DownloadResultsAsync"/> attach it).</param>
    /// <param name="message">The message; a short one when not given.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <returns>The exception.</returns>
    public static KlingDownloadException KlingDownloadException(
        HttpStatusCode? statusCode = null, bool isRetryable = false, TaskResponse? lastKnownTask = null, string? message = null, Exception? innerException = null)
    {
        var exception = new KlingDownloadException(
            message ?? (statusCode is { } status ? $"The download failed: HTTP {(int)status}." : "The download failed."), statusCode, isRetryable, innerException);
        exception.About(task: null, lastKnownTask);
        return exception;
    }
}
