namespace CometApi.Kling;

/// <summary>
/// The task ended with <see cref="KlingTaskStatus.Failed"/> (e.g. content risk control), raised where a video was
/// required, such as <see cref="KlingClient.GenerateAsync"/>. Retrying the same request is unlikely to help.
/// </summary>
public class KlingTaskFailedException : KlingException
{
    /// <summary>Creates the exception.</summary>
    public KlingTaskFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public KlingTaskFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingTaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed task (also handy to simulate failures in tests).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="task">The failed task as the service reported it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public KlingTaskFailedException(string message, TaskResponse task)
        : base(message, isRetryable: false)
    {
        Task = task ?? throw new ArgumentNullException(nameof(task));
        TaskId = task.Data.TaskId;
        TaskStatusMessage = task.Data.TaskStatusMessage;
    }

    /// <summary>The failed task's id.</summary>
    public string TaskId { get; } = string.Empty;

    /// <summary>Why the task failed, as the service said it (<c>task_status_msg</c>).</summary>
    public string? TaskStatusMessage { get; }

    /// <summary>The failed task as the service reported it, or <see langword="null"/> when not given.</summary>
    public TaskResponse? Task { get; }
}
