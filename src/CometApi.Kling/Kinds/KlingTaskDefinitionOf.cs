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

    public sealed override Task<IReadOnlyList<KlingValidationError>> ValidateAsync(
        KlingTaskRequest request, KlingValidationLimits limits, bool useAsync, CancellationToken cancellationToken) =>
        ValidateAsync((TRequest)request, limits, useAsync, cancellationToken);

    public sealed override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, KlingTaskRequest request, string? externalTaskId) =>
        WriteParts(writer, (TRequest)request, externalTaskId);

    public sealed override void ReleaseAfterCall(KlingTaskRequest request) => ReleaseAfterCall((TRequest)request);

    protected abstract string? ExternalTaskIdOf(TRequest request);

    protected abstract Task<IReadOnlyList<KlingValidationError>> ValidateAsync(
        TRequest request, KlingValidationLimits limits, bool useAsync, CancellationToken cancellationToken);

    protected abstract IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TRequest request, string? externalTaskId);

    protected virtual void ReleaseAfterCall(TRequest request)
    {
    }
}
