using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// One task's state. Its status is not stored but computed from the clock: a pure function of "now" against the
/// creation time and the schedule, so advancing a fake clock moves every task without any background work.
/// </summary>
internal sealed class EmulatedTask
{
    public required long Order { get; init; }

    public required string TaskId { get; init; }

    /// <summary>The route it was created on; it is visible on that route only.</summary>
    public required TaskKind Kind { get; init; }

    public required string ApiKey { get; init; }

    public string? ExternalTaskId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ProcessingAt { get; init; }

    public required DateTimeOffset FinishesAt { get; init; }

    /// <summary>The task_status_msg it ends with; null means it succeeds.</summary>
    public string? FailureMessage { get; init; }

    public required JsonElement Request { get; init; }

    public Uri? CallbackUrl { get; init; }

    /// <summary>watermark_info.enabled as requested; null when watermark_info was not sent.</summary>
    public bool? Watermark { get; init; }

    public required string Duration { get; init; }

    /// <summary>The result's own id (<c>videos[].id</c>), distinct from the task id as Kling's is.</summary>
    public required string VideoId { get; init; }

    /// <summary>The audio result's own id (<c>audios[].id</c>), for the audio kinds.</summary>
    public required string AudioId { get; init; }

    /// <summary>How many results it makes (an image generation's <c>n</c>), which is also how many concurrency slots it holds.</summary>
    public int Count { get; init; } = 1;

    // Counters and callback plumbing change after creation; the engine guards them with its lock.
    public int CreateAttempts { get; set; } = 1;

    public int QueryCount { get; set; }

    public List<ITimer> Timers { get; } = [];

    public Task DeliveryChain { get; set; } = Task.CompletedTask;

    public KlingTaskStatus StatusAt(DateTimeOffset now) =>
        now < ProcessingAt ? KlingTaskStatus.Submitted
        : now < FinishesAt ? KlingTaskStatus.Processing
        : FailureMessage is null ? KlingTaskStatus.Succeeded
        : KlingTaskStatus.Failed;

    public DateTimeOffset UpdatedAt(DateTimeOffset now) =>
        now < ProcessingAt ? CreatedAt
        : now < FinishesAt ? ProcessingAt
        : FinishesAt;

    public bool IsRunningAt(DateTimeOffset now) => now < FinishesAt;

    public KlingEmulatorTask Snapshot(DateTimeOffset now)
    {
        var status = StatusAt(now);
        return new KlingEmulatorTask
        {
            TaskId = TaskId,
            Route = Kind.Route,
            ApiKey = ApiKey,
            ExternalTaskId = ExternalTaskId,
            Status = status,
            StatusMessage = status == KlingTaskStatus.Failed ? FailureMessage : null,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt(now),
            ProcessingAt = ProcessingAt,
            FinishesAt = FinishesAt,
            Request = Request,
            CallbackUrl = CallbackUrl,
            CreateAttempts = CreateAttempts,
            QueryCount = QueryCount,
        };
    }
}
