namespace CometApi.Kling;

/// <summary>
/// The task ended with <see cref="KlingTaskStatus.Failed"/> (e.g. content risk control), raised where a result was
/// required, such as <see cref="KlingClient.GenerateAsync"/> or <see cref="KlingClient.DownloadResultsAsync"/>. The failed
/// task is <see cref="KlingException.LastKnownTask"/>, and why it failed is its <see cref="TaskData.TaskStatusMessage"/>.
/// Not <see cref="KlingException.IsRetryable"/>: the same request would most likely fail the same way, and would be
/// billed as a new task.
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

    /// <summary>Creates the exception for a failed task (tests: <see cref="KlingModelFactory.KlingTaskFailedException"/>).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="task">The failed task as the service reported it.</param>
    internal KlingTaskFailedException(string message, TaskResponse task)
        : base(message, isRetryable: false) => About(task: null, task);
}
