namespace CometApi.Kling.Http;

/// <summary>
/// What one create attempt ended in, as a value the create pipeline's retry can read (<c>HandleResult</c>) instead of
/// an exception thrown to signal "send again".
/// </summary>
internal sealed class CreateOutcome
{
    private CreateOutcome(TaskResponse? task, Exception? failure, bool safeToResend)
    {
        Task = task;
        Failure = failure;
        SafeToResend = safeToResend;
    }

    /// <summary>The task, when the attempt (or the lookup after it) found it: the create's answer.</summary>
    public TaskResponse? Task { get; }

    /// <summary>Why the attempt did not produce the task (the cause to report, or to read Retry-After from).</summary>
    public Exception? Failure { get; }

    /// <summary>Nothing was made, so the same body (same external id) may be sent again.</summary>
    public bool SafeToResend { get; }

    /// <summary>The task exists: created now, or found by its external id after an ambiguous attempt.</summary>
    public static CreateOutcome Created(TaskResponse task) => new(task, failure: null, safeToResend: false);

    /// <summary>Provably nothing was made (refused before processing, or not found by its external id).</summary>
    public static CreateOutcome Resend(Exception cause) => new(task: null, cause, safeToResend: true);

    /// <summary>The create ends here with <paramref name="failure"/> (a definite refusal, or an outcome that cannot be settled).</summary>
    public static CreateOutcome Refused(Exception failure) => new(task: null, failure, safeToResend: false);
}
