using System.Text.Json;

namespace CometApi.Kling.Testing;

/// <summary>A snapshot of one task held by the emulator, with its status at the moment the snapshot was taken.</summary>
public sealed record KlingEmulatorTask
{
    /// <summary>The service's task id (<c>task_id</c>), an 18-digit number as a string.</summary>
    public string TaskId { get; init; } = string.Empty;

    /// <summary>
    /// The route (task kind) the task was created on, under <c>kling/v1/</c>: <c>videos/image2video</c> or
    /// <c>videos/text2video</c> (<see cref="KlingEmulator.Routes"/>). The task is found on that route only.
    /// </summary>
    public string Route { get; init; } = string.Empty;

    /// <summary>
    /// The account that created the task: the API key, or for a JWT (official host) its access key. Tasks are visible
    /// only to their account.
    /// </summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>The caller's own id (<c>external_task_id</c>), if one was given.</summary>
    public string? ExternalTaskId { get; init; }

    /// <summary>The status at the moment of the snapshot.</summary>
    public KlingTaskStatus Status { get; init; }

    /// <summary>Why the task failed (<c>task_status_msg</c>), once it has.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>When the task was created (<c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the task last changed status (<c>updated_at</c>).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the task moves from <c>submitted</c> to <c>processing</c>.</summary>
    public DateTimeOffset ProcessingAt { get; init; }

    /// <summary>When the task ends (<c>succeed</c> or <c>failed</c>).</summary>
    public DateTimeOffset FinishesAt { get; init; }

    /// <summary>The create request's JSON body as received, unknown fields included.</summary>
    public JsonElement Request { get; init; }

    /// <summary>Where status changes are POSTed (<c>callback_url</c>), if given.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>How many create requests carried this task's external id: 1, plus every duplicate that was refused.</summary>
    public int CreateAttempts { get; init; }

    /// <summary>How many times the task was queried (by task id or by external id).</summary>
    public int QueryCount { get; init; }

    /// <summary>
    /// Describes the task by what identifies it and where it is, e.g.
    /// <c>KlingEmulatorTask { TaskId = 8623…, Route = videos/text2video, Status = processing, ExternalTaskId = order-42 }</c>.
    /// Never the <see cref="ApiKey"/> (a record would print every property, and test output ends up in CI logs), nor the
    /// request body.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{nameof(KlingEmulatorTask)} {{ {nameof(TaskId)} = {TaskId}, {nameof(Route)} = {Route}, {nameof(Status)} = {Status}, "
        + $"{nameof(ExternalTaskId)} = {ExternalTaskId ?? "(none)"}, {nameof(CreateAttempts)} = {CreateAttempts}, {nameof(QueryCount)} = {QueryCount} }}";
}
