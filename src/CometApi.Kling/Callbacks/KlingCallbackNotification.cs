namespace CometApi.Kling;

/// <summary>
/// What a callback to a task's <c>callback_url</c> claims: a task id and its status. Callbacks are unsigned unless
/// the account has a webhook secret (see <see cref="KlingCallbackVerifier"/>), and may repeat and arrive out of order,
/// so treat this as a hint: re-fetch the task with
/// <see cref="KlingClient.GetTaskAsync"/> before acting on it.
/// </summary>
public sealed class KlingCallbackNotification
{
    /// <summary>Creates the notification from the task the callback carried (tests: <see cref="KlingModelFactory.KlingCallbackNotification"/>).</summary>
    /// <param name="reportedTask">The task from the callback body, as a <see cref="TaskResponse"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reportedTask"/> is <see langword="null"/>.</exception>
    public KlingCallbackNotification(TaskResponse reportedTask) => ReportedTask = reportedTask ?? throw new ArgumentNullException(nameof(reportedTask));

    /// <summary>The task the callback is about (never empty when parsed by <see cref="KlingCallback.Parse"/>).</summary>
    public string TaskId => ReportedTask.Data.TaskId;

    /// <summary>The status the callback reports (unverified).</summary>
    public KlingTaskStatus TaskStatus => ReportedTask.Data.TaskStatus;

    /// <summary>Your own id for the task, when the callback carried it (<c>task_info.external_task_id</c>, or <c>external_id</c> in a new-standard body).</summary>
    public string? ExternalTaskId => ReportedTask.Data.TaskInfo?.ExternalTaskId;

    /// <summary>
    /// The whole task as the callback sent it (a new-standard body mapped onto the legacy names; the envelope's message
    /// and request id when the body had one): unverified unless its signature was checked, and its
    /// <see cref="TaskData.Kind"/> unspecified, as the body does not say it.
    /// </summary>
    public TaskResponse ReportedTask { get; }

    /// <summary>Shows the task id and the reported status.</summary>
    public override string ToString() => $"Kling callback: task {TaskId} reported '{TaskStatus}'";
}
