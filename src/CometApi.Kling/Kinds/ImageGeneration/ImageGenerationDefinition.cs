using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.ImageGeneration;

/// <summary>Image generation (<c>images/generations</c>): its rules and body writer (kling-catalogue §4.1).</summary>
internal sealed class ImageGenerationDefinition : KlingTaskDefinition<ImageGenerationRequest>
{
    /// <summary>Kling: elements and reference images together, at most 10 (a rule of the model, not of a host).</summary>
    internal const int MaxReferences = 10;

    private ImageGenerationDefinition()
        : base(KlingTaskKind.ImageGeneration, "image-generation")
    {
    }

    public static ImageGenerationDefinition Instance { get; } = new();

    /// <summary>
    /// Writes the body up to its reference image, whose name is written and whose source is yielded when it is local
    /// (a URL image is written whole); <paramref name="externalTaskId"/>, when set, replaces the request's own.
    /// </summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, ImageGenerationRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "model_name", request.ModelName?.ToString());
        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        if (WriteImage(writer, "image", request.Image) is { } imageSource)
        {
            yield return imageSource;
        }

        WriteString(writer, "image_reference", request.ImageReference?.ToString());
        WriteNumber(writer, "image_fidelity", request.ImageFidelity);
        WriteNumber(writer, "human_fidelity", request.HumanFidelity);
        WriteElements(writer, request.ElementList);
        WriteString(writer, "resolution", request.Resolution?.ToString());
        if (request.N is { } n)
        {
            writer.WriteNumber("n", n);
        }

        WriteString(writer, "aspect_ratio", request.AspectRatio?.ToString());
        WriteWatermark(writer, request.WatermarkInfo);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(ImageGenerationRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("model_name", request.ModelName is not null),
            ("prompt", request.Prompt is not null),
            ("negative_prompt", request.NegativePrompt is not null),
            ("image", request.Image is not null),
            ("image_reference", request.ImageReference is not null),
            ("image_fidelity", request.ImageFidelity is not null),
            ("human_fidelity", request.HumanFidelity is not null),
            ("element_list", request.ElementList is not null),
            ("resolution", request.Resolution is not null),
            ("n", request.N is not null),
            ("aspect_ratio", request.AspectRatio is not null),
            ("watermark_info", request.WatermarkInfo is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(ImageGenerationRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, ImageGenerationRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(ImageGenerationRequest request)
    {
        if (request.Image is { } image)
        {
            yield return image;
        }
    }

    protected override void ReleaseAfterCall(ImageGenerationRequest request) => request.Image?.Source?.ReleaseAfterCall();

    protected override IReadOnlyList<KlingValidationError> Validate(ImageGenerationRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            add("prompt", request.Prompt is null ? "prompt is required: image generation generates from it." : "prompt is empty or blank; image generation generates from it.");
        }

        CheckText(request.Prompt, "prompt", limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        CheckText(request.NegativePrompt, "negative_prompt", limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);
        return errors;
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
