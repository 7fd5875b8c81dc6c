using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;

namespace CometApi.Kling.Kinds;

/// <summary>
/// A kind made of its declarations: the body's fields (from which the writer, the extra-fields guard, the media to
/// stage and release, and whether the route takes an external id are all derived) and the kind's own rules. The rules
/// every kind shares (callback URL, external id, extra fields) run here, after the kind's, so no kind repeats them.
/// </summary>
/// <typeparam name="TRequest">The kind's request record.</typeparam>
/// <remarks>A kind derives from this with its fields, its rules and one <c>Instance</c>.</remarks>
internal abstract class KlingTaskDefinition<TRequest> : KlingTaskDefinition
    where TRequest : KlingTaskRequest
{
    /// <summary>How the kinds' messages name <see cref="KlingValidationLimits"/>.</summary>
    protected const string LimitsName = RequestRules.LimitsName;

    private static readonly string RequestTypeName = typeof(TRequest).Name;

    private readonly ExternalTaskIdField<TRequest>? _externalTaskId;

    /// <param name="kind">The kind (its route).</param>
    /// <param name="description">How messages name the kind, e.g. <c>text-to-video</c>.</param>
    /// <param name="fields">The body's fields in wire order; the request's extra fields are written after them.</param>
    /// <param name="concurrencySlotsField">The field that makes a task hold several slots, named in the refusal.</param>
    private protected KlingTaskDefinition(KlingTaskKind kind, string description, WireField<TRequest>[] fields, string concurrencySlotsField = "request")
        : base(kind, description)
    {
        Body = new WireObject<TRequest>(fields, static request => request.AdditionalProperties);
        ConcurrencySlotsField = concurrencySlotsField;
        _externalTaskId = fields.OfType<ExternalTaskIdField<TRequest>>().SingleOrDefault();
    }

    /// <summary>The body's declaration.</summary>
    public WireObject<TRequest> Body { get; }

    /// <summary>Whether the route takes an <c>external_task_id</c>: whether the body declares one.</summary>
    public sealed override bool TakesExternalTaskId => _externalTaskId is not null;

    public sealed override string ConcurrencySlotsField { get; }

    public sealed override string? ExternalTaskIdOf(KlingTaskRequest request) => _externalTaskId?.Value((TRequest)request);

    public sealed override IReadOnlyList<KlingValidationError> Validate(KlingTaskRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var typed = (TRequest)request;
        var rules = new RequestRules(limits, prepared);
        Validate(typed, rules);
        rules.CheckCallbackUrl(typed.CallbackUrl);
        if (_externalTaskId?.Value(typed) is { } externalTaskId)
        {
            rules.CheckExternalTaskId(externalTaskId);
        }

        rules.CheckAdditionalProperties(typed, Body, string.Empty, RequestTypeName, "the request");
        return rules.Errors;
    }

    /// <summary>The local images only (a URL one has nothing to stage); none without allocating when there are none.</summary>
    public sealed override IEnumerable<KlingImage> LocalMedia(KlingTaskRequest request) =>
        Body.HasLocalMedia((TRequest)request) ? Local<KlingImage>((TRequest)request) : [];

    /// <summary>The local audio files only; none without allocating when there are none.</summary>
    public sealed override IEnumerable<KlingAudio> LocalAudio(KlingTaskRequest request) =>
        Body.HasLocalMedia((TRequest)request) ? Local<KlingAudio>((TRequest)request) : [];

    public sealed override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, KlingTaskRequest request, string? externalTaskId) =>
        Body.WriteParts(writer, (TRequest)request, externalTaskId);

    public sealed override void ReleaseAfterCall(KlingTaskRequest request) => Body.ReleaseAfterCall((TRequest)request);

    public sealed override int ConcurrencySlots(KlingTaskRequest request) => ConcurrencySlots((TRequest)request);

    public sealed override IEnumerable<string> SetPropertyNames(KlingTaskRequest request) => Body.SetNames((TRequest)request);

    /// <summary>The kind's own rules, in field order; the rules every kind shares run after them.</summary>
    protected abstract void Validate(TRequest request, RequestRules rules);

    /// <summary>A message with its numbers in the invariant culture, whatever the machine's.</summary>
    protected static string Invariant(FormattableString text) => RequestRules.Invariant(text);

    /// <summary>How many concurrent tasks a (valid) request's task counts as: one unless Kling counts it otherwise.</summary>
    protected virtual int ConcurrencySlots(TRequest request) => 1;

    private IEnumerable<TMedia> Local<TMedia>(TRequest request)
        where TMedia : class
    {
        foreach (var media in Body.LocalMedia(request))
        {
            if (media is TMedia typed)
            {
                yield return typed;
            }
        }
    }
}
