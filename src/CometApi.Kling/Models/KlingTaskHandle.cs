using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// Enough to find a task again in any process: its kind and its task id, or its kind and your external id. Store it
/// (it serializes with <c>KlingJson</c>) and pass it to <see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/>
/// to resume a wait.
/// </summary>
public sealed class KlingTaskHandle : IEquatable<KlingTaskHandle>
{
    /// <summary>A handle for a task whose service id is known.</summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="taskId">The service's task id (<see cref="TaskData.TaskId"/>).</param>
    /// <exception cref="ArgumentException">The kind is unspecified or the id is blank.</exception>
    public KlingTaskHandle(KlingTaskKind kind, string taskId)
        : this(kind, taskId, externalTaskId: null)
    {
    }

    /// <summary>A handle with a task id, an external id, or both (used when reading a stored handle).</summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="taskId">The service's task id, if known.</param>
    /// <param name="externalTaskId">Your own id for the task, if it has one.</param>
    /// <exception cref="ArgumentException">The kind is unspecified, or neither id is given.</exception>
    [JsonConstructor]
    public KlingTaskHandle(KlingTaskKind kind, string? taskId, string? externalTaskId)
    {
        if (kind.IsUnspecified)
        {
            throw new ArgumentException("A task kind is required (e.g. KlingTaskKind.TextToVideo).", nameof(kind));
        }

        if (string.IsNullOrWhiteSpace(taskId) && string.IsNullOrWhiteSpace(externalTaskId))
        {
            throw new ArgumentException("A task id or an external task id is required.", nameof(taskId));
        }

        Kind = kind;
        TaskId = string.IsNullOrWhiteSpace(taskId) ? null : taskId;
        ExternalTaskId = string.IsNullOrWhiteSpace(externalTaskId) ? null : externalTaskId;
    }

    /// <summary>The task's kind.</summary>
    [JsonPropertyName("kind")]
    public KlingTaskKind Kind { get; }

    /// <summary>The service's task id, when known.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; }

    /// <summary>Your own id for the task, when it has one.</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; }

    /// <summary>A handle for a task known only by your external id (looked up on the service when used).</summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="externalTaskId">Your own id, as sent when the task was created.</param>
    /// <returns>The handle.</returns>
    public static KlingTaskHandle FromExternalId(KlingTaskKind kind, string externalTaskId) => new(kind, taskId: null, externalTaskId ?? throw new ArgumentNullException(nameof(externalTaskId)));

    /// <summary>The handle of a task the client returned (its kind, task id and external id).</summary>
    /// <param name="task">A task from create, query or wait.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentException">The task does not say its kind (e.g. it was parsed from a callback body).</exception>
    public static KlingTaskHandle From(TaskResponse task)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (task.Data.Kind.IsUnspecified)
        {
            throw new ArgumentException(
                $"Task '{task.Data.TaskId}' does not say its kind (a task parsed from a callback body or built by hand); create the handle with new KlingTaskHandle(kind, taskId).", nameof(task));
        }

        return new KlingTaskHandle(task.Data.Kind, task.Data.TaskId, task.Data.TaskInfo?.ExternalTaskId);
    }

    /// <summary>The handle of a task, or <see langword="null"/> when it does not say its kind or has no id (a callback body, a stand-in built by hand).</summary>
    internal static KlingTaskHandle? TryFrom(TaskResponse task) =>
        task.Data is { Kind.IsUnspecified: false } data && (!string.IsNullOrWhiteSpace(data.TaskId) || !string.IsNullOrWhiteSpace(data.TaskInfo?.ExternalTaskId))
            ? new KlingTaskHandle(data.Kind, data.TaskId, data.TaskInfo?.ExternalTaskId)
            : null;

    /// <inheritdoc/>
    public bool Equals(KlingTaskHandle? other) =>
        other is not null && Kind == other.Kind && string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
        && string.Equals(ExternalTaskId, other.ExternalTaskId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KlingTaskHandle);

    /// <inheritdoc/>
    public override int GetHashCode() => (Kind, TaskId, ExternalTaskId).GetHashCode();

    /// <summary>e.g. <c>text2video task 8623…</c> or <c>text2video task with external id order-42</c>.</summary>
    public override string ToString() =>
        TaskId is not null ? $"{Kind.Name} task {TaskId}" : $"{Kind.Name} task with external id {ExternalTaskId}";
}
