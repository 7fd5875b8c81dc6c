namespace CometApi.Kling;

/// <summary>
/// A create failed in a way that does not tell whether the task was made (a timeout or a reset after the body was sent,
/// a server error), and the client could not settle it by looking the task up. The task may exist, so this is never
/// retryable (<see cref="KlingException.IsRetryable"/> is false: creating again could pay twice). The safe next step is
/// <see cref="KlingException.Task"/> (the kind and external id the create was sent with): pass it to
/// <see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/>, which looks
/// the task up by its external id, or to <see cref="KlingClient.GetTaskByExternalIdAsync"/>. When it is
/// <see langword="null"/> (the create had no external id), check your recent tasks with
/// <see cref="KlingClient.ListTasksAsync"/> before creating it again.
/// </summary>
public class KlingAmbiguousCreateException : KlingException
{
    /// <summary>Creates the exception.</summary>
    public KlingAmbiguousCreateException()
        : base("Creating the task failed ambiguously; it may or may not exist.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public KlingAmbiguousCreateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The failure that made the outcome unknown.</param>
    public KlingAmbiguousCreateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a create that can (with <paramref name="task"/>) or cannot be found again.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="task">The kind and external id that find the task if it was made; <see langword="null"/> without an external id.</param>
    /// <param name="innerException">The failure that made the outcome unknown.</param>
    internal KlingAmbiguousCreateException(string message, KlingTaskHandle? task, Exception? innerException)
        : base(message, isRetryable: false, innerException) => Task = task;
}
