namespace CometApi.Kling;

/// <summary>
/// A wait (<see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/>) reached
/// <see cref="KlingWaitOptions.Timeout"/> before the task ended. The task goes on on the service: wait again with
/// <see cref="KlingException.Task"/> to resume; <see cref="KlingException.LastKnownTask"/> is its state at the last
/// successful query (<see langword="null"/> if none succeeded). Not <see cref="KlingException.IsRetryable"/>: repeating
/// the call that created the task would pay for a second one; resume the wait instead. Never an
/// <see cref="OperationCanceledException"/> or a <see cref="TimeoutException"/>: catch this type.
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

    /// <summary>Creates the exception for a task (tests: <see cref="KlingModelFactory.KlingWaitTimeoutException"/>).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="task">The task that did not end in time.</param>
    /// <param name="lastKnownTask">The last successful query's answer, if any query succeeded.</param>
    /// <param name="innerException">The last failure seen while polling, if the last query failed.</param>
    internal KlingWaitTimeoutException(string message, KlingTaskHandle task, TaskResponse? lastKnownTask, Exception? innerException = null)
        : base(message, isRetryable: false, innerException) => About(task, lastKnownTask);
}
