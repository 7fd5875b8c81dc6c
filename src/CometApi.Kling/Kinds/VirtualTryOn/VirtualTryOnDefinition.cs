using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.VirtualTryOn;

/// <summary>Virtual try-on (<c>images/kolors-virtual-try-on</c>): its rules and body writer (kling-catalogue §4.3).</summary>
internal sealed class VirtualTryOnDefinition : KlingTaskDefinition<VirtualTryOnRequest>
{
    private VirtualTryOnDefinition()
        : base(KlingTaskKind.VirtualTryOn, "virtual-try-on")
    {
    }

    public static VirtualTryOnDefinition Instance { get; } = new();

    /// <summary>
    /// Writes the body up to each local image, whose name is written and whose source is yielded (a URL image is
    /// written whole); <paramref name="externalTaskId"/>, when set, replaces the request's own.
    /// </summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, VirtualTryOnRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "model_name", request.ModelName?.ToString());
        if (WriteImage(writer, "human_image", request.HumanImage) is { } humanSource)
        {
            yield return humanSource;
        }

        if (WriteImage(writer, "cloth_image", request.ClothingImage) is { } clothSource)
        {
            yield return clothSource;
        }

        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(VirtualTryOnRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("model_name", request.ModelName is not null),
            ("human_image", request.HumanImage is not null),
            ("cloth_image", request.ClothingImage is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(VirtualTryOnRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, VirtualTryOnRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(VirtualTryOnRequest request)
    {
        if (request.HumanImage is { } human)
        {
            yield return human;
        }

        if (request.ClothingImage is { } cloth)
        {
            yield return cloth;
        }
    }

    protected override void ReleaseAfterCall(VirtualTryOnRequest request)
    {
        request.HumanImage?.Source?.ReleaseAfterCall();
        request.ClothingImage?.Source?.ReleaseAfterCall();
    }

    protected override IReadOnlyList<KlingValidationError> Validate(VirtualTryOnRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // Both images follow the common image rule (kling-catalogue §0.2); the route names no exception to it.
        if (request.HumanImage is null)
        {
            add("human_image", "human_image is required: the person to dress.");
        }

        rules.Inspect(request.HumanImage, "human_image", checkAspectRatio: true, add, prepared);

        // The official table's marking was not captured, but every gateway requires it and a try-on without a garment
        // has nothing to do.
        if (request.ClothingImage is null)
        {
            add("cloth_image", "cloth_image is required: the garment to put on the person.");
        }

        rules.Inspect(request.ClothingImage, "cloth_image", checkAspectRatio: true, add, prepared);

        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(VirtualTryOnRequest), add);
        return errors;
    }
}
