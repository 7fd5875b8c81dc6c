namespace CometApi.Kling;

/// <summary>
/// A wait (<see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/>) reached
/// <see cref="KlingWaitOptions.Timeout"/> before the task ended. The task goes on on the service: wait again with
/// <see cref="Task"/> to resume. Not <see cref="KlingException.IsRetryable"/>: repeating the call that created the task
/// would pay for a second one; resume the wait instead. Never an <see cref="OperationCanceledException"/>.
/// </summary>
public class KlingWaitTimeoutException : KlingException
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
    /// <param name="task">The task that did not end in time.</param>
    /// <param name="lastResponse">The last successful query's answer, if any query succeeded.</param>
    /// <param name="innerException">The last failure seen while polling, if the last query failed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public KlingWaitTimeoutException(string message, KlingTaskHandle task, TaskResponse? lastResponse, Exception? innerException = null)
        : base(message, isRetryable: false, innerException)
    {
        Task = task ?? throw new ArgumentNullException(nameof(task));
        LastResponse = lastResponse;
    }

    /// <summary>The task that did not end in time; pass it to <c>WaitForCompletionAsync</c> again to resume.</summary>
    public KlingTaskHandle? Task { get; }

    /// <summary>The id of the task that did not end in time (empty if only its external id was known).</summary>
    public string TaskId => Task?.TaskId ?? LastResponse?.Data.TaskId ?? string.Empty;

    /// <summary>The task as last seen (e.g. still <see cref="KlingTaskStatus.Processing"/>), or <see langword="null"/> if no query succeeded.</summary>
    public TaskResponse? LastResponse { get; }
}
