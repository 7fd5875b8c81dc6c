using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>A definition for one request type: the casts live here, so each kind writes typed code only.</summary>
internal abstract class KlingTaskDefinition<TRequest> : KlingTaskDefinition
    where TRequest : KlingTaskRequest
{
    protected KlingTaskDefinition(KlingTaskKind kind, string description)
        : base(kind, description)
    {
    }

    public sealed override string? ExternalTaskIdOf(KlingTaskRequest request) => ExternalTaskIdOf((TRequest)request);

    public sealed override IReadOnlyList<KlingValidationError> Validate(KlingTaskRequest request, KlingValidationLimits limits, PreparedRequest prepared) =>
        Validate((TRequest)request, limits, prepared);

    public sealed override IEnumerable<KlingImage> LocalMedia(KlingTaskRequest request) => LocalMedia((TRequest)request);

    public sealed override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, KlingTaskRequest request, string? externalTaskId) =>
        WriteParts(writer, (TRequest)request, externalTaskId);

    public sealed override void ReleaseAfterCall(KlingTaskRequest request) => ReleaseAfterCall((TRequest)request);

    public sealed override int ConcurrencySlots(KlingTaskRequest request) => ConcurrencySlots((TRequest)request);

    protected abstract string? ExternalTaskIdOf(TRequest request);

    protected abstract IReadOnlyList<KlingValidationError> Validate(TRequest request, KlingValidationLimits limits, PreparedRequest prepared);

    /// <summary>The request's images; a kind without media has none.</summary>
    protected virtual IEnumerable<KlingImage> LocalMedia(TRequest request) => [];

    protected abstract IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TRequest request, string? externalTaskId);

    protected virtual void ReleaseAfterCall(TRequest request)
    {
    }

    /// <summary>The slots the request's task holds; one task is one slot unless Kling counts it otherwise.</summary>
    protected virtual int ConcurrencySlots(TRequest request) => 1;
}
