using CometApi.Kling.Diagnostics;
using CometApi.Kling.Http;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>Creating a task of any kind: validate, then one exactly-once create through the kind's route.</summary>
public partial class KlingClient
{
    // Read and replaced whole (a reference), so concurrent creates of other kinds never see a torn pair.
    private KindUri? _lastRouteUri;
    /// <summary>
    /// The one create of every kind: checks the request against the limits (nothing is sent if it breaks one), then
    /// creates the task at most once (one external id for every attempt, reconciled by lookup; docs/resilience.md).
    /// </summary>
    private async Task<TaskResponse> CreateTaskAsync(KlingTaskRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // The call owns the request's local media from here: staged and measured once, validated from what was read,
        // streamed into each attempt's body, and released when the call ends, however it ends.
        if (cancellationToken.IsCancellationRequested)
        {
            request.Definition.ReleaseAfterCall(request);
            cancellationToken.ThrowIfCancellationRequested();
        }

        using (var prepared = await PreparedRequest.PrepareAsync(request, _validator.Limits, ownsMedia: true, useAsync: true, cancellationToken).ConfigureAwait(false))
        {
            var errors = _validator.ValidatePrepared(prepared);
            if (errors.Count == 0 && _slots is not null && request.Definition.ConcurrencySlots(request) is var slots && slots > _slots.Max)
            {
                // It could never get its slots: refuse it now rather than wait forever (Kling would answer 1303 for ever).
                errors = [TooManySlots(request, slots, _slots.Max)];
            }

            if (errors.Count > 0)
            {
                throw new KlingValidationException(errors, nameof(request));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var sender = Sender;
            sender.CheckKey();
            var definition = request.Definition;
            var kind = definition.Kind;
            var operation = definition.CreateOperation;

            // One id per logical create, written into every attempt's body: the service refuses a second task with it,
            // and an ambiguous failure can be settled by looking the task up (docs/resilience.md). A route that takes no
            // id gets none: an id it ignored would make the lookup say "not made" and the create be sent twice.
            var externalTaskId = !definition.TakesExternalTaskId ? null
                : definition.ExternalTaskIdOf(request) ?? (_autoExternalTaskId ? ExternalTaskIds.New() : null);
            var createUri = RouteUri(sender, kind);
            using var activity = KlingTelemetry.Start("kling.create");
            activity?.SetTag("kling.task_kind", kind.Route);
            activity?.SetTag("kling.external_task_id", externalTaskId);
            prepared.ExternalTaskId = externalTaskId;
            var slot = _slots is null ? null : await _slots.AcquireAsync(definition.ConcurrencySlots(request), cancellationToken).ConfigureAwait(false);
            try
            {
                TaskResponse created;
                try
                {
                    // Most creates end with their first attempt; only one that failed makes the operation that settles it
                    // and retries through the Polly pipelines (KlingCreateOperation.FirstAttemptAsync says why).
                    var started = sender.Pipelines.TimeProvider.GetTimestamp();
                    var (answer, failure) = await KlingCreateOperation.FirstAttemptAsync(sender, kind, createUri, prepared, operation, _telemetry, cancellationToken)
                        .ConfigureAwait(false);
                    created = answer ?? await new KlingCreateOperation(
                        sender, kind, RoutePrefix, createUri, prepared, operation, externalTaskId, _telemetry, definition.TakesExternalTaskId)
                        .AfterFirstAttemptAsync(failure!, started, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is KlingException)
                {
                    // KlingTelemetry.TraceAsync's catch, written out: the create makes no closures for it.
                    KlingTelemetry.Fail(activity, ex);
                    _telemetry.Failed(operation, ex);
                    throw;
                }

                created = WithKind(created, kind);
                activity?.SetTag("kling.task_id", created.Data.TaskId);
                _telemetry.Created(created, externalTaskId);
                slot?.Bind(created);
                slot = null;
                return created;
            }
            finally
            {
                // Any create that throws gives its slot back, an ambiguous one too: its task id is unknown, so this
                // client could never see that task end, and holding the slot would leak it (docs/resilience.md, Concurrency).
                slot?.Dispose();
            }
        }
    }

    /// <summary>The problem with a task that counts as more running tasks than the client lets run at once.</summary>
    private static KlingValidationError TooManySlots(KlingTaskRequest request, int slots, int max) => new(
        request.Definition.ConcurrencySlotsField,
        FormattableString.Invariant(
            $"the task counts as {slots} running tasks (Kling counts each image of an n-image generation as one), more than KlingResilienceOptions.MaxConcurrentTasks ({max}); it could never start. Ask for at most {max} images per task, or raise MaxConcurrentTasks."));

    /// <summary>
    /// The kind's create address, resolved once per kind and client (a create allocates no URI of its own). The last
    /// one used is kept beside the dictionary and found by reference: a client mostly creates one kind, and hashing
    /// the route on every create cost more than the lookup saved.
    /// </summary>
    private Uri RouteUri(KlingRequestSender sender, KlingTaskKind kind)
    {
        if (_lastRouteUri is { } last && last.Kind == kind)
        {
            return last.Uri;
        }

        var uri = _routeUris.TryGetValue(kind, out var known) ? known : _routeUris.GetOrAdd(kind, sender.Resolve(RoutePrefix + kind.Route));
        _lastRouteUri = new KindUri(kind, uri);
        return uri;
    }

    /// <summary>
    /// The answer with its kind, which the wire does not carry: the route asked is the kind. Only for answers the client
    /// has just read and not handed out yet, so the kind is set in place instead of copying two records per answer.
    /// </summary>
    /// <summary>
    /// The answer as a task of <paramref name="kind"/>: CometAPI's wrapped omni-video answer is unwrapped first
    /// (<see cref="Serialization.WrappedTaskAnswer"/>), so everything after reads one shape.
    /// </summary>
    private static TaskResponse WithKind(TaskResponse response, KlingTaskKind kind)
    {
        response = Serialization.WrappedTaskAnswer.Unwrap(response);
        response.Data.AssignKind(kind);
        return response;
    }

    /// <summary>A kind and its create address.</summary>
    private sealed class KindUri(KlingTaskKind kind, Uri uri)
    {
        public KlingTaskKind Kind { get; } = kind;

        public Uri Uri { get; } = uri;
    }
}
