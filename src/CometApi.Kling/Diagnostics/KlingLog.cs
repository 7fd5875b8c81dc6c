using Microsoft.Extensions.Logging;

namespace CometApi.Kling.Diagnostics;

/// <summary>
/// The SDK's log messages (source-generated, so a disabled level costs nothing). Event ids are stable. Only ids,
/// statuses, codes and timings are logged: never prompts, image data, URLs' query strings or the key.
/// </summary>
internal static partial class KlingLog
{
    [LoggerMessage(EventId = 1, EventName = "CreateSending", Level = LogLevel.Debug,
        Message = "Creating a {TaskKind} task (attempt {Attempt}, external_task_id {ExternalTaskId})")]
    public static partial void CreateSending(ILogger logger, string taskKind, int attempt, string? externalTaskId);

    [LoggerMessage(EventId = 2, EventName = "TaskCreated", Level = LogLevel.Information,
        Message = "Created task {TaskId} (external_task_id {ExternalTaskId}, status {TaskStatus})")]
    public static partial void TaskCreated(ILogger logger, string taskId, string? externalTaskId, string taskStatus);

    [LoggerMessage(EventId = 3, EventName = "TaskPolled", Level = LogLevel.Debug,
        Message = "Polled task {TaskId}: {TaskStatus}")]
    public static partial void TaskPolled(ILogger logger, string taskId, string taskStatus);

    [LoggerMessage(EventId = 4, EventName = "TaskStatusChanged", Level = LogLevel.Information,
        Message = "Task {TaskId} is now {TaskStatus} after {ElapsedSeconds:0.#} s")]
    public static partial void TaskStatusChanged(ILogger logger, string taskId, string taskStatus, double elapsedSeconds);

    [LoggerMessage(EventId = 5, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "Retrying (attempt {Attempt}) in {DelayMs:0} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 6, EventName = "CreateReconciling", Level = LogLevel.Warning,
        Message = "The create with external_task_id {ExternalTaskId} ended ambiguously ({Reason}); looking the task up before anything is sent again")]
    public static partial void CreateReconciling(ILogger logger, string externalTaskId, string reason);

    [LoggerMessage(EventId = 7, EventName = "CreateReconciled", Level = LogLevel.Information,
        Message = "Found task {TaskId} by external_task_id {ExternalTaskId}: it was created, nothing is sent again")]
    public static partial void CreateReconciled(ILogger logger, string taskId, string externalTaskId);

    [LoggerMessage(EventId = 8, EventName = "CreateAmbiguous", Level = LogLevel.Error,
        Message = "Cannot tell whether the task with external_task_id {ExternalTaskId} was created ({Reason}); look it up later")]
    public static partial void CreateAmbiguous(ILogger logger, string externalTaskId, string reason);

    [LoggerMessage(EventId = 9, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "{Operation} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 10, EventName = "DownloadStarting", Level = LogLevel.Debug,
        Message = "Downloading a video from {Host}")]
    public static partial void DownloadStarting(ILogger logger, string host);

    [LoggerMessage(EventId = 11, EventName = "DownloadCompleted", Level = LogLevel.Information,
        Message = "Downloaded {Bytes} bytes from {Host}")]
    public static partial void DownloadCompleted(ILogger logger, long bytes, string host);

    [LoggerMessage(EventId = 12, EventName = "DownloadFailed", Level = LogLevel.Warning,
        Message = "Downloading a video from {Host} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 13, EventName = "WaitingForSlot", Level = LogLevel.Debug,
        Message = "The create needs {SlotsNeeded} task slot(s); {SlotsInUse} of {MaxConcurrentTasks} are taken or creates ahead of it wait, so it waits (KlingResilienceOptions.MaxConcurrentTasks)")]
    public static partial void WaitingForSlot(ILogger logger, int slotsNeeded, int slotsInUse, int maxConcurrentTasks);

    [LoggerMessage(EventId = 14, EventName = "TokenRenewed", Level = LogLevel.Warning,
        Message = "The service refused the signed token ({KlingCode}: expired or not yet valid); the request is sent once more with a new one. If this repeats, check this machine's clock")]
    public static partial void TokenRenewed(ILogger logger, int klingCode);
}
