using CometApi.Kling.Diagnostics;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using Polly;
using Polly.Timeout;

namespace CometApi.Kling.Http;

/// <summary>
/// One logical create, at most one task. Every attempt carries the same <c>external_task_id</c> and ends in a
/// <see cref="CreateOutcome"/>: created; safe to resend (a failure that proves nothing was processed, such as connection
/// refused, DNS or 1302/1303, or an ambiguous failure whose lookup by external id found nothing); or refused. The create
/// pipeline retries only "safe to resend" outcomes. An ambiguous failure (timeout, reset after the body went out, 5xx,
/// an unreadable 2xx) is settled by the sender's lookup by external id; what cannot be settled is a
/// <see cref="KlingAmbiguousCreateException"/>. Nothing here calls back into the client.
/// </summary>
internal sealed class KlingCreateOperation
{
    private readonly KlingRequestSender _sender;
    private readonly KlingTaskKind _kind;
    private readonly string _routePrefix;
    private readonly string _operation;
    private readonly string? _externalTaskId;
    private readonly KlingTelemetry _telemetry;
    private readonly KlingResiliencePipelines _pipelines;
    private readonly bool _routeTakesExternalTaskId;
    private readonly Uri _createUri;
    private readonly PreparedRequest _prepared;
    private int _attempts;
    private bool _ambiguous;

    // Stays set if the total timeout or the caller cancels mid-attempt: the body may be on its way then.
    private bool _sending;

    // The first attempt's failure, settled by the first round of the create pipeline (see AfterFirstAttemptAsync).
    private Exception? _firstFailure;

    /// <param name="sender">Sends the attempts and the lookups; its pipelines run the create.</param>
    /// <param name="kind">The task's kind (named in messages and handles).</param>
    /// <param name="routePrefix">Where the kinds' routes start under the base address (e.g. <c>kling/v1/</c>), for the lookup.</param>
    /// <param name="createUri">The kind's create address.</param>
    /// <param name="prepared">The request, whose body every attempt sends.</param>
    /// <param name="operation">How messages name the create, e.g. "Creating the text-to-video task".</param>
    /// <param name="externalTaskId">The id every attempt carries; null when the create has none (no reconciliation then).</param>
    /// <param name="telemetry">Logs and counts.</param>
    /// <param name="routeTakesExternalTaskId">Whether the kind's route takes an external id at all (only messages differ).</param>
    public KlingCreateOperation(
        KlingRequestSender sender, KlingTaskKind kind, string routePrefix, Uri createUri, PreparedRequest prepared, string operation, string? externalTaskId, KlingTelemetry telemetry,
        bool routeTakesExternalTaskId = true)
    {
        _routeTakesExternalTaskId = routeTakesExternalTaskId;
        _sender = sender;
        _kind = kind;
        _routePrefix = routePrefix;
        _createUri = createUri;
        _prepared = prepared;
        _operation = operation;
        _externalTaskId = externalTaskId;
        _telemetry = telemetry;
        _pipelines = sender.Pipelines;
    }

    /// <summary>
    /// Sends a create's first attempt under its own timer (<see cref="KlingResiliencePipelines.FirstAttempt"/>): the
    /// answer, or the attempt's failure (a <see cref="KlingException"/>, the timeout as a
    /// <see cref="TimeoutRejectedException"/>, or the caller's cancellation) for <see cref="AfterFirstAttemptAsync"/>.
    /// </summary>
    /// <remarks>
    /// One timeout, at the create attempt timeout or the total timeout, whichever comes first (both start with it). Most
    /// creates end here, so they arm one timer and run no pipeline, and no operation object is made. Only when it fails
    /// does the create pipeline start (total timeout for what is left of <see cref="KlingResilienceOptions.TotalTimeout"/>,
    /// then the retry): its first round settles that failure exactly as it would have settled it had the attempt run
    /// inside it (lookup by external id, resend or refuse), and every later round is a whole attempt. The attempts, their
    /// delays, the retry count and every timeout are the same as with one pipeline around every attempt.
    /// </remarks>
    public static async ValueTask<(TaskResponse? Task, Exception? Failure)> FirstAttemptAsync(
        KlingRequestSender sender, KlingTaskKind kind, Uri createUri, PreparedRequest prepared, string operation, KlingTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        KlingLog.CreateSending(telemetry.Logger, kind.Route, 1, prepared.ExternalTaskId);
        using var attempt = sender.Pipelines.FirstAttempt.Start(cancellationToken);
        try
        {
            return (await Send(sender, createUri, prepared, operation, attempt.Token).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is KlingException or OperationCanceledException)
        {
            return (null, attempt.Translate(ex));
        }
    }

    /// <summary>Settles a first attempt that failed (<see cref="FirstAttemptAsync"/>) and, if it is safe, retries through the create pipeline.</summary>
    /// <param name="failure">What the first attempt ended in.</param>
    /// <param name="started">When the first attempt started (a timestamp of the options' clock): the total timeout counts from it.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public Task<TaskResponse> AfterFirstAttemptAsync(Exception failure, long started, CancellationToken cancellationToken)
    {
        _attempts = 1;
        if (failure is TimeoutRejectedException timeout && _pipelines.FirstAttemptEndsAtTotal)
        {
            // The first attempt's time was the whole create's: the total timeout ran out while the body may have been on its way.
            throw TotalTimeoutRanOut(_pipelines.TotalTimedOut(_operation, timeout));
        }

        if (failure is not (KlingException or TimeoutRejectedException))
        {
            // The caller's cancellation (or a cancellation that is neither it nor the timeout) ends the create as it is.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        _firstFailure = failure;
        return RetryAsync(started, cancellationToken);
    }

    private async Task<TaskResponse> RetryAsync(long started, CancellationToken cancellationToken)
    {
        CreateOutcome outcome;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            // The total timeout counts from the first attempt's start, as if that attempt had run inside the pipeline.
            context.Properties.Set(KlingResiliencePipelines.CreateStarted, started);
            outcome = await _pipelines.Create.ExecuteAsync(
                static (context, self) => new ValueTask<CreateOutcome>(self.NextAsync(context.CancellationToken)), context, this).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            // The total timeout fired, possibly while a body was on its way.
            if (!_sending && !_ambiguous)
            {
                // It fired during the wait after an attempt that provably made nothing.
                throw _pipelines.TotalTimedOut(_operation, ex);
            }

            throw TotalTimeoutRanOut(_pipelines.TotalTimedOut(_operation, ex));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Task is { } task)
        {
            return task;
        }

        var failure = outcome.Failure!;
        if (outcome.SafeToResend)
        {
            // Out of attempts. If any attempt may have reached the service, say so; otherwise the last error is the answer.
            if (_ambiguous && _externalTaskId is not null)
            {
                throw Ambiguous(_externalTaskId, failure, "the retries ran out");
            }

            throw Unwrap(failure);
        }

        throw failure;
    }

    /// <summary>The total timeout ran out after a body may have been sent: the task may exist.</summary>
    private KlingAmbiguousCreateException TotalTimeoutRanOut(KlingConnectionException timedOut) =>
        _externalTaskId is null ? AmbiguousWithoutId(timedOut) : Ambiguous(_externalTaskId, timedOut, "the total timeout ran out");

    /// <summary>One round of the create pipeline: settles the first attempt's failure, or makes and settles another attempt.</summary>
    private async Task<CreateOutcome> NextAsync(CancellationToken cancellationToken)
    {
        Exception failure;
        if (_firstFailure is { } first)
        {
            _firstFailure = null;
            failure = first;
        }
        else
        {
            BeginAttempt();
            try
            {
                return CreateOutcome.Created(await _pipelines.CreateAttempt.ExecuteAsync(
                    static (self, token) => Send(self._sender, self._createUri, self._prepared, self._operation, token), this, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is KlingException or TimeoutRejectedException)
            {
                failure = ex;
            }

            _sending = false;
        }

        return await SettleAsync(failure, cancellationToken).ConfigureAwait(false);
    }

    private void BeginAttempt()
    {
        KlingLog.CreateSending(_telemetry.Logger, _kind.Route, ++_attempts, _externalTaskId);
        _sending = true;
    }

    /// <summary>Sends one attempt: a fresh body (the same bytes each time), and its answer read.</summary>
    private static ValueTask<TaskResponse> Send(KlingRequestSender sender, Uri createUri, PreparedRequest prepared, string operation, CancellationToken cancellationToken) =>
        sender.SendOnceAsync(
            HttpMethod.Post, createUri, static prepared => ((PreparedRequest)prepared!).CreateContent(), prepared, KlingJsonContext.Default.TaskResponse, operation, cancellationToken);

    /// <summary>What an attempt's failure means for the create: made after all (found by lookup), safe to resend, or refused.</summary>
    private async Task<CreateOutcome> SettleAsync(Exception failure, CancellationToken cancellationToken)
    {
        var canRetry = failure is TimeoutRejectedException || KlingErrorClassifier.IsTransient(failure, _pipelines.Options.MaxRetryAfter);
        if (KlingErrorClassifier.IsDuplicateExternalId(failure) && _externalTaskId is not null)
        {
            // An earlier attempt of this call may have made the task before its answer was lost: that task is the answer.
            // Otherwise the id belongs to an earlier create, maybe of another input: returning that task would hand back
            // another result as this one's, so the caller decides.
            return _ambiguous
                ? await ReconcileAsync(_externalTaskId, failure, retryIfMissing: false, duplicate: true, cancellationToken).ConfigureAwait(false)
                : CreateOutcome.Refused(IdInUse(_externalTaskId, failure));
        }

        if (KlingErrorClassifier.IsNotProcessed(failure))
        {
            // Nothing was made: safe to send again with the same id (unless Retry-After is over the cap).
            return canRetry ? CreateOutcome.Resend(failure) : CreateOutcome.Refused(Unwrap(failure));
        }

        var ambiguous = failure is TimeoutRejectedException or KlingConnectionException || failure is KlingApiException { IsRetryable: true };
        if (!ambiguous)
        {
            // A definite refusal (400, 401, 1102, 500 invalid_request...): no task was made, and retrying will not help.
            return CreateOutcome.Refused(failure);
        }

        if (_externalTaskId is null)
        {
            // Without an external id there is no way to reconcile, and a blind retry could make a second task: the
            // failure must not read as "retry later".
            return CreateOutcome.Refused(AmbiguousWithoutId(Unwrap(failure)));
        }

        _ambiguous = true;
        return await ReconcileAsync(_externalTaskId, failure, retryIfMissing: canRetry, duplicate: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CreateOutcome> ReconcileAsync(string externalTaskId, Exception failure, bool retryIfMissing, bool duplicate, CancellationToken cancellationToken)
    {
        KlingLog.CreateReconciling(_telemetry.Logger, externalTaskId, KlingTelemetry.Reason(failure));
        TaskResponse found;
        try
        {
            found = await _sender.GetByExternalIdAsync(_routePrefix + _kind.Route, externalTaskId, countFailure: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KlingErrorClassifier.IsTaskNotFound(ex))
        {
            if (duplicate)
            {
                return CreateOutcome.Refused(Ambiguous(externalTaskId, failure, "the service says the id exists but the lookup does not find it"));
            }

            // Not made: send the same body (same id) again; or, when the service asked for a wait longer than
            // MaxRetryAfter, its error is the answer.
            return retryIfMissing ? CreateOutcome.Resend(failure) : CreateOutcome.Refused(failure);
        }
        catch (KlingException ex)
        {
            return CreateOutcome.Refused(Ambiguous(externalTaskId, failure, $"looking it up failed too ({KlingTelemetry.Reason(ex)})"));
        }

        KlingLog.CreateReconciled(_telemetry.Logger, found.Data.TaskId, externalTaskId);
        return CreateOutcome.Created(found);
    }

    private Exception Unwrap(Exception failure) =>
        failure is TimeoutRejectedException timeout ? _pipelines.TimedOut(_operation, timeout) : failure;

    private KlingAmbiguousCreateException Ambiguous(string externalTaskId, Exception failure, string why)
    {
        KlingLog.CreateAmbiguous(_telemetry.Logger, externalTaskId, KlingTelemetry.Reason(failure));
        return new KlingAmbiguousCreateException(
            $"{_operation} failed ambiguously ({KlingTelemetry.Reason(failure)}) and {why}: the task may or may not exist. "
            + $"Do not create it again: find it with GetTaskByExternalIdAsync({KindExpression()}, \"{externalTaskId}\"), or wait "
            + "for it with WaitForCompletionAsync(exception.Task), which looks it up by that id.",
            KlingTaskHandle.FromExternalId(_kind, externalTaskId),
            failure);
    }

    private KlingAmbiguousCreateException AmbiguousWithoutId(Exception failure)
    {
        KlingLog.CreateAmbiguous(_telemetry.Logger, "(none)", KlingTelemetry.Reason(failure));
        if (!_routeTakesExternalTaskId)
        {
            return new KlingAmbiguousCreateException(
                $"{_operation} failed ambiguously ({KlingTelemetry.Reason(failure)}): the task may or may not exist, and this route takes no "
                + $"external_task_id, so it cannot be looked up and the client did not send it again. Check your recent tasks (ListTasksAsync({KindExpression()})) "
                + "before creating it again: sending it again may make a second, paid task.",
                failure);
        }

        return new KlingAmbiguousCreateException(
            $"{_operation} failed ambiguously ({KlingTelemetry.Reason(failure)}): the task may or may not exist, and without an "
            + "external_task_id it cannot be looked up (the request has no ExternalTaskId and KlingResilienceOptions.AutoExternalTaskId "
            + $"is off). Check your recent tasks (ListTasksAsync({KindExpression()})) before creating it again: sending it again may make a "
            + "second, paid task. Set an ExternalTaskId, or leave AutoExternalTaskId on, so the client can settle this itself.",
            failure);
    }

    private KlingApiException IdInUse(string externalTaskId, Exception failure)
    {
        var refusal = (KlingApiException)failure;
        var requestId = refusal.RequestId is null ? string.Empty : $", request id {refusal.RequestId}";
        return new KlingApiException(
            FormattableString.Invariant(
                $"{_operation} was refused: the external_task_id \"{externalTaskId}\" is already used by an earlier task, and no task was created by this call ")
            + FormattableString.Invariant($"(HTTP {(int)refusal.StatusCode}, Kling code {refusal.Code}{requestId}). ")
            + $"If that earlier task is this same one, get it with GetTaskByExternalIdAsync({KindExpression()}, \"{externalTaskId}\"); "
            + "otherwise give this request a new ExternalTaskId (ids must be unique per account).",
            refusal.StatusCode,
            refusal.Code,
            refusal.ServerMessage,
            refusal.RequestId,
            refusal.GatewayErrorType,
            refusal.GatewayErrorCode,
            isRetryable: false,
            innerException: refusal);
    }

    /// <summary>
    /// How the kind is written in code, for messages that show the call to make: its <see cref="KlingTaskKind"/>
    /// property, or <c>new KlingTaskKind("route")</c> for a route this SDK has no property for.
    /// </summary>
    private string KindExpression()
    {
        (KlingTaskKind Kind, string Name)[] named =
        [
            (KlingTaskKind.ImageToVideo, nameof(KlingTaskKind.ImageToVideo)),
            (KlingTaskKind.TextToVideo, nameof(KlingTaskKind.TextToVideo)),
            (KlingTaskKind.MultiImageToVideo, nameof(KlingTaskKind.MultiImageToVideo)),
            (KlingTaskKind.VideoExtend, nameof(KlingTaskKind.VideoExtend)),
            (KlingTaskKind.Avatar, nameof(KlingTaskKind.Avatar)),
            (KlingTaskKind.Effects, nameof(KlingTaskKind.Effects)),
            (KlingTaskKind.LipSync, nameof(KlingTaskKind.LipSync)),
            (KlingTaskKind.OmniVideo, nameof(KlingTaskKind.OmniVideo)),
            (KlingTaskKind.ImageGeneration, nameof(KlingTaskKind.ImageGeneration)),
            (KlingTaskKind.VirtualTryOn, nameof(KlingTaskKind.VirtualTryOn)),
            (KlingTaskKind.TextToAudio, nameof(KlingTaskKind.TextToAudio)),
            (KlingTaskKind.VideoToAudio, nameof(KlingTaskKind.VideoToAudio)),
        ];
        foreach (var (kind, name) in named)
        {
            if (kind == _kind)
            {
                return "KlingTaskKind." + name;
            }
        }

        return $"new KlingTaskKind(\"{_kind.Route}\")";
    }
}
