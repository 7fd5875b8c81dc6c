namespace CometApi.Kling;

/// <summary>
/// <see cref="KlingClient.WaitForCompletionAsync(string, KlingWaitOptions?, CancellationToken)"/> reached
/// <see cref="KlingWaitOptions.Timeout"/> before the task ended. The task goes on on the service: wait again with
/// <see cref="TaskId"/> to resume. A <see cref="TimeoutException"/>, never an <see cref="OperationCanceledException"/>.
/// </summary>
public class KlingWaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public KlingWaitTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public KlingWaitTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The last failure seen while polling, if any.</param>
    public KlingWaitTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a task (also handy to simulate timeouts in tests).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="taskId">The task that did not end in time.</param>
    /// <param name="lastResponse">The last successful query's answer, if any query succeeded.</param>
    /// <param name="innerException">The last failure seen while polling, if the last query failed.</param>
    public KlingWaitTimeoutException(string message, string taskId, TaskResponse? lastResponse, Exception? innerException = null)
        : base(message, innerException)
    {
        TaskId = taskId ?? string.Empty;
        LastResponse = lastResponse;
    }

    /// <summary>The task that did not end in time; pass it to <c>WaitForCompletionAsync</c> again to resume.</summary>
    public string TaskId { get; } = string.Empty;

    /// <summary>The task as last seen (e.g. still <see cref="KlingTaskStatus.Processing"/>), or <see langword="null"/> if no query succeeded.</summary>
    public TaskResponse? LastResponse { get; }
}
