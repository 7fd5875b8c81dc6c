namespace CometApi.Kling;

/// <summary>
/// The base of every error the SDK raises once a request is formed: a call the service refused or never answered, a
/// create whose outcome is unknown, a wait that ran out of time, a failed task, a download that could not complete.
/// A request that breaks documented limits is refused before that, with a <see cref="KlingValidationException"/> (an
/// <see cref="ArgumentException"/>). When the error concerns a task, <see cref="Task"/> finds it again and
/// <see cref="LastKnownTask"/> is its state as last seen, whatever the exception's type.
/// </summary>
public class KlingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KlingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public KlingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception, saying whether repeating the failed call may succeed (see <see cref="IsRetryable"/>).</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="isRetryable">Whether the same call, made again later, may succeed without paying twice.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    internal KlingException(string message, bool isRetryable, Exception? innerException = null)
        : base(message, innerException) => IsRetryable = isRetryable;

    /// <summary>
    /// Whether making the same call again later may succeed, and can never make (and bill) a second task. True only for
    /// transient faults of a call that is safe to repeat: a query, a list or a download that met a rate limit
    /// (429, Kling 1302/1303), a server fault (5xx) or a network error; or a create or other billed call that the client
    /// <b>proved</b> was never processed (connection refused, a throttling refusal, a lookup by external id that found
    /// nothing). False for everything else, and always for <see cref="KlingAmbiguousCreateException"/> (the task may
    /// exist: find it with <see cref="Task"/>), <see cref="KlingWaitTimeoutException"/> and
    /// <see cref="KlingTaskFailedException"/> (repeating the create would pay for another task; resume or change the
    /// request instead), and a <see cref="KlingDownloadException"/> of <see cref="KlingClient.GenerateAsync"/> (download
    /// again from <see cref="LastKnownTask"/>). The client's own retries have already been spent when you see it.
    /// </summary>
    public bool IsRetryable { get; internal set; }

    /// <summary>
    /// The task this error concerns, enough to find it again in any process (its kind and task id, or its kind and your
    /// external id): pass it to <see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/>
    /// to resume, or store it. <see langword="null"/> when the error concerns no task known to the client (a create that
    /// was refused, or whose outcome is unknown and which had no external id; a call about a task whose kind is unknown).
    /// </summary>
    public KlingTaskHandle? Task { get; internal set; }

    /// <summary>
    /// The task as the service last reported it before this error (e.g. still processing when a wait timed out, failed
    /// with its <see cref="TaskData.TaskStatusMessage"/>, or succeeded with the result URLs a download could not save);
    /// <see langword="null"/> when no answer about the task had arrived. It may be out of date: query the task for its
    /// state now.
    /// </summary>
    public TaskResponse? LastKnownTask { get; internal set; }

    /// <summary>
    /// Records the task this error concerns, keeping what is already recorded, and returns the exception (for
    /// <c>throw new X(...).About(...)</c>). The handle is taken from <paramref name="lastKnownTask"/> when not given.
    /// </summary>
    internal KlingException About(KlingTaskHandle? task, TaskResponse? lastKnownTask)
    {
        LastKnownTask ??= lastKnownTask;
        Task ??= task ?? (lastKnownTask is null ? null : KlingTaskHandle.TryFrom(lastKnownTask));
        return this;
    }
}
