using CometApi.Kling.Diagnostics;
using Polly.Timeout;

namespace CometApi.Kling.Http;

/// <summary>
/// One logical create, at most one task. Every attempt carries the same <c>external_task_id</c>. A failure that proves
/// nothing was processed (connection refused, DNS, 1302/1303) is retried; an ambiguous one (timeout, reset after the body
/// went out, 5xx, an unreadable 2xx) is reconciled by looking the task up by its external id: found, it is returned;
/// not found, the same body is sent again (the server refuses a second task with that id); the server says the id
/// exists, it is looked up; anything else raises <see cref="KlingAmbiguousCreateException"/>.
/// </summary>
internal static class KlingCreateExecutor
{
    public static async Task<TaskResponse> CreateAsync(
        KlingTaskKind kind,
        string operation,
        Func<int, CancellationToken, Task<TaskResponse>> sendOnce,
        Func<CancellationToken, Task<TaskResponse>>? lookup,
        string? externalTaskId,
        KlingResiliencePipelines pipelines,
        KlingTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        var state = new State(kind, operation);
        try
        {
            return await pipelines.CreateOuter.ExecuteAsync(
                async token => await AttemptAsync(sendOnce, lookup, externalTaskId, pipelines, telemetry, state, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RetrySignal signal)
        {
            // Out of attempts. If any attempt may have reached the service, say so; otherwise the last error is the answer.
            if (state.Ambiguous && externalTaskId is not null)
            {
                throw Ambiguous(state, externalTaskId, signal.InnerException!, "the retries ran out", telemetry);
            }

            throw signal.InnerException is TimeoutRejectedException timeout ? pipelines.TimedOut(operation, timeout) : signal.InnerException!;
        }
        catch (TimeoutRejectedException ex)
        {
            // The total timeout fired, possibly while a body was on its way.
            if (!state.Sending && !state.Ambiguous)
            {
                // It fired before the first attempt or during the wait after one that provably made nothing.
                throw pipelines.TimedOut(operation, ex);
            }

            throw externalTaskId is null
                ? AmbiguousWithoutId(state, pipelines.TimedOut(operation, ex), telemetry)
                : Ambiguous(state, externalTaskId, pipelines.TimedOut(operation, ex), "the total timeout ran out", telemetry);
        }
    }

    private static async Task<TaskResponse> AttemptAsync(
        Func<int, CancellationToken, Task<TaskResponse>> sendOnce,
        Func<CancellationToken, Task<TaskResponse>>? lookup,
        string? externalTaskId,
        KlingResiliencePipelines pipelines,
        KlingTelemetry telemetry,
        State state,
        CancellationToken cancellationToken)
    {
        var attempt = ++state.Attempts;
        KlingLog.CreateSending(telemetry.Logger, attempt, externalTaskId);
        Exception failure;

        // Stays set if the total timeout or the caller cancels mid-attempt: the body may be on its way then.
        state.Sending = true;
        try
        {
            return await pipelines.CreateAttempt.ExecuteAsync(
                async token => await sendOnce(attempt, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KlingException or TimeoutRejectedException)
        {
            failure = ex;
        }

        state.Sending = false;

        var maxRetryAfter = pipelines.Options.MaxRetryAfter;
        var canRetry = failure is TimeoutRejectedException || KlingErrorClassifier.IsTransient(failure, maxRetryAfter);
        if (KlingErrorClassifier.IsDuplicateExternalId(failure) && externalTaskId is not null)
        {
            if (state.Ambiguous && lookup is not null)
            {
                // An earlier attempt of this call may have made the task before its answer was lost: that task is the answer.
                return await ReconcileAsync(state, lookup, externalTaskId, failure, retryIfMissing: false, duplicate: true, telemetry, cancellationToken).ConfigureAwait(false);
            }

            // No attempt of this call can have made it: the id belongs to an earlier create, maybe of another image or
            // prompt. Returning that task would hand back another video as this one's, so the caller decides.
            throw IdInUse(state, externalTaskId, failure);
        }

        if (KlingErrorClassifier.IsNotProcessed(failure))
        {
            // Nothing was made: safe to send again with the same id (unless Retry-After is over the cap).
            throw canRetry ? new RetrySignal(failure) : Unwrap(state, failure, pipelines);
        }

        var ambiguous = failure is TimeoutRejectedException or KlingConnectionException
            || (failure is KlingApiException { IsRetryable: true });
        if (!ambiguous)
        {
            // A definite refusal (400, 401, 1102, 500 invalid_request...): no task was made, and retrying will not help.
            throw failure;
        }

        if (lookup is null || externalTaskId is null)
        {
            // Without an external id there is no way to reconcile, and a blind retry could make a second task: the
            // failure must not read as "retry later".
            throw AmbiguousWithoutId(state, Unwrap(state, failure, pipelines), telemetry);
        }

        state.Ambiguous = true;
        return await ReconcileAsync(state, lookup, externalTaskId, failure, retryIfMissing: canRetry, duplicate: false, telemetry, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TaskResponse> ReconcileAsync(
        State state,
        Func<CancellationToken, Task<TaskResponse>> lookup,
        string externalTaskId,
        Exception failure,
        bool retryIfMissing,
        bool duplicate,
        KlingTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        KlingLog.CreateReconciling(telemetry.Logger, externalTaskId, KlingTelemetry.Reason(failure));
        TaskResponse found;
        try
        {
            found = await lookup(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KlingErrorClassifier.IsTaskNotFound(ex))
        {
            if (duplicate)
            {
                throw Ambiguous(state, externalTaskId, failure, "the service says the id exists but the lookup does not find it", telemetry);
            }

            if (retryIfMissing)
            {
                // Not made: send the same body (same id) again.
                throw new RetrySignal(failure);
            }

            // Not made, and the service asked for a wait longer than MaxRetryAfter: its error is the answer.
            throw failure;
        }
        catch (KlingException ex)
        {
            throw Ambiguous(state, externalTaskId, failure, $"looking it up failed too ({KlingTelemetry.Reason(ex)})", telemetry);
        }

        KlingLog.CreateReconciled(telemetry.Logger, found.Data.TaskId, externalTaskId);
        return found;
    }

    private static Exception Unwrap(State state, Exception failure, KlingResiliencePipelines pipelines) =>
        failure is TimeoutRejectedException timeout ? pipelines.TimedOut(state.Operation, timeout) : failure;

    private static KlingAmbiguousCreateException Ambiguous(State state, string externalTaskId, Exception failure, string why, KlingTelemetry telemetry)
    {
        KlingLog.CreateAmbiguous(telemetry.Logger, externalTaskId, KlingTelemetry.Reason(failure));
        return new KlingAmbiguousCreateException(
            $"{state.Operation} failed ambiguously ({KlingTelemetry.Reason(failure)}) and {why}: the task may or may not exist. "
            + $"Do not create it again: find it with GetTaskByExternalIdAsync(KlingTaskKind.{KindMember(state.Kind)}, \"{externalTaskId}\"), or wait "
            + "for it with WaitForCompletionAsync(exception.Task), which looks it up by that id.",
            KlingTaskHandle.FromExternalId(state.Kind, externalTaskId),
            failure);
    }

    private static KlingAmbiguousCreateException AmbiguousWithoutId(State state, Exception failure, KlingTelemetry telemetry)
    {
        KlingLog.CreateAmbiguous(telemetry.Logger, "(none)", KlingTelemetry.Reason(failure));
        return new KlingAmbiguousCreateException(
            $"{state.Operation} failed ambiguously ({KlingTelemetry.Reason(failure)}): the task may or may not exist, and without an "
            + "external_task_id it cannot be looked up (the request has no ExternalTaskId and KlingResilienceOptions.AutoExternalTaskId "
            + $"is off). Check your recent tasks (ListTasksAsync(KlingTaskKind.{KindMember(state.Kind)})) before creating it again: sending it again may make a "
            + "second, paid task. Set an ExternalTaskId, or leave AutoExternalTaskId on, so the client can settle this itself.",
            failure);
    }

    /// <summary>How the kind is named in code, for messages that show the call to make.</summary>
    private static string KindMember(KlingTaskKind kind) =>
        kind == KlingTaskKind.ImageToVideo ? nameof(KlingTaskKind.ImageToVideo)
        : kind == KlingTaskKind.TextToVideo ? nameof(KlingTaskKind.TextToVideo)
        : $"(\"{kind.Route}\")";

    private static KlingApiException IdInUse(State state, string externalTaskId, Exception failure)
    {
        var refusal = (KlingApiException)failure;
        var requestId = refusal.RequestId is null ? string.Empty : $", request id {refusal.RequestId}";
        return new KlingApiException(
            FormattableString.Invariant(
                $"{state.Operation} was refused: the external_task_id \"{externalTaskId}\" is already used by an earlier task, and no task was created by this call ")
            + FormattableString.Invariant($"(HTTP {(int)refusal.StatusCode}, Kling code {refusal.Code}{requestId}). ")
            + $"If that earlier task is this same one, get it with GetTaskByExternalIdAsync(KlingTaskKind.{KindMember(state.Kind)}, \"{externalTaskId}\"); "
            + "otherwise give this request a new ExternalTaskId (ids must be unique per account).",
            refusal.StatusCode,
            refusal.Code,
            refusal.ServerMessage,
            refusal.RequestId,
            refusal.ErrorType,
            refusal.ErrorCode,
            isRetryable: false,
            innerException: refusal);
    }

    /// <summary>Tells the create pipeline's retry that sending again is safe; carries the failure that caused it.</summary>
    internal sealed class RetrySignal(Exception cause) : Exception("A create attempt may be sent again.", cause);

    private sealed class State(KlingTaskKind kind, string operation)
    {
        public KlingTaskKind Kind { get; } = kind;

        /// <summary>What messages call the create, e.g. "Creating the text-to-video task".</summary>
        public string Operation { get; } = operation;

        public int Attempts { get; set; }

        public bool Ambiguous { get; set; }

        /// <summary>An attempt is between sending and its answer.</summary>
        public bool Sending { get; set; }
    }
}
