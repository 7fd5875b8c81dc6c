using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// A task kind as data: its route, its validation rules and its body writer. The client's create, query, wait,
/// download and callback code takes a definition and never asks which kind it is, so a new kind is a new
/// <see cref="KlingTaskDefinition{TRequest}"/> (beside its request record, in its own folder) and nothing else.
/// </summary>
internal abstract class KlingTaskDefinition
{
    private protected KlingTaskDefinition(KlingTaskKind kind, string description)
    {
        Kind = kind;
        Description = description;
        CreateOperation = $"Creating the {description} task";
    }

    /// <summary>The kind, whose route creates, queries and lists these tasks.</summary>
    public KlingTaskKind Kind { get; }

    /// <summary>How messages name the kind, e.g. <c>text-to-video</c> ("Creating the text-to-video task").</summary>
    public string Description { get; }

    /// <summary>How messages and logs name a create of this kind ("Creating the text-to-video task").</summary>
    public string CreateOperation { get; }

    /// <summary>
    /// Whether the route takes an <c>external_task_id</c>. When it does not, the client sends none (no automatic id): an
    /// id the service silently ignored could not be looked up, so an ambiguous create would look "not made" and be sent
    /// again, making a second, paid task. Such a create is sent once and an ambiguous failure is thrown, never retried.
    /// </summary>
    public abstract bool TakesExternalTaskId { get; }

    /// <summary>The field that makes a task hold several slots (e.g. <c>n</c>), named when it asks for more than the client allows.</summary>
    public abstract string ConcurrencySlotsField { get; }

    /// <summary>The external id the request sets itself, if any.</summary>
    public abstract string? ExternalTaskIdOf(KlingTaskRequest request);

    /// <summary>
    /// Every problem with the request under <paramref name="limits"/>, in field order. Pure: what its local media hold
    /// comes from <paramref name="prepared"/>, which read them.
    /// </summary>
    public abstract IReadOnlyList<KlingValidationError> Validate(KlingTaskRequest request, KlingValidationLimits limits, PreparedRequest prepared);

    /// <summary>The request's local images; <see cref="PreparedRequest"/> reads them.</summary>
    public abstract IEnumerable<KlingImage> LocalMedia(KlingTaskRequest request);

    /// <summary>The request's local audio files; <see cref="PreparedRequest"/> reads them.</summary>
    public abstract IEnumerable<KlingAudio> LocalAudio(KlingTaskRequest request);

    /// <summary>
    /// Writes the body up to each local medium, whose property name is written and whose source is yielded for the caller
    /// to stream; <paramref name="externalTaskId"/>, when set, is written instead of the request's own.
    /// </summary>
    public abstract IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, KlingTaskRequest request, string? externalTaskId);

    /// <summary>The wire names of the typed fields the request sets, in wire order (what extra fields may not repeat).</summary>
    public abstract IEnumerable<string> SetPropertyNames(KlingTaskRequest request);

    /// <summary>Releases what the call owned for each local medium (temporary copies, streams).</summary>
    public abstract void ReleaseAfterCall(KlingTaskRequest request);

    /// <summary>
    /// How many of the account's concurrent tasks the (valid) request's task holds while it runs, and so how many
    /// <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> slots its create takes: 1, except where Kling counts a
    /// task as several (an image generation counts its <c>n</c> images).
    /// </summary>
    public abstract int ConcurrencySlots(KlingTaskRequest request);
}
