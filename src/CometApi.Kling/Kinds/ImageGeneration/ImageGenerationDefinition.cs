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

    private static readonly string[] ImageReferences = ["subject", "face"];
    private static readonly string[] Resolutions = ["1k", "2k"];

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
        WriteElements(writer, request.Elements);
        WriteString(writer, "resolution", request.Resolution?.ToString());
        if (request.ImageCount is { } n)
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
            ("element_list", request.Elements is not null),
            ("resolution", request.Resolution is not null),
            ("n", request.ImageCount is not null),
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

        // Kling: "not supported" in image-to-image. A rule of the model, so it holds under every set of limits; without it
        // the images are paid for and the negative prompt silently ignored.
        if (request.NegativePrompt is not null && request.Image is not null)
        {
            add("negative_prompt", "negative_prompt is not supported with image (image to image); remove NegativePrompt or Image.");
        }

        // The reference image and what is taken from it
        rules.Inspect(request.Image, "image", checkAspectRatio: true, add, prepared);
        if (request.ImageReference is { } reference)
        {
            if (request.Image is null)
            {
                add("image_reference", "image_reference needs image: it says what to take from the reference image; set Image or remove ImageReference.");
            }

            CheckKnown(reference.ToString(), "image_reference", ImageReferences, add);
        }

        CheckFraction(request.ImageFidelity, "image_fidelity", add);
        CheckFraction(request.HumanFidelity, "human_fidelity", add);
        if (request.HumanFidelity is not null && request.ImageReference != KlingImageReference.Subject)
        {
            add("human_fidelity", request.ImageReference is { } other
                ? $"human_fidelity applies only with image_reference \"subject\" (it is \"{other}\"); remove HumanFidelity or use KlingImageReference.Subject."
                : "human_fidelity applies only with image_reference \"subject\"; set ImageReference to KlingImageReference.Subject (with Image) or remove HumanFidelity.");
        }

        CheckElements(request.Elements, request.Image is not null ? 1 : 0, add);

        // Output
        if (request.Resolution is { } resolution)
        {
            CheckKnown(resolution.ToString(), "resolution", Resolutions, add);
        }

        if (request.ImageCount is { } n && (n < 1 || n > limits.ImageGeneration.MaxImageCount))
        {
            add("n", Invariant($"n is {n}; it must be from 1 to {limits.ImageGeneration.MaxImageCount} ({LimitsName}.ImageGeneration.MaxImageCount)."));
        }

        if (request.AspectRatio is { } aspectRatio)
        {
            CheckAllowed(aspectRatio.ToString(), "aspect_ratio", limits.ImageGeneration.AllowedAspectRatios, "ImageGeneration.AllowedAspectRatios", add);
        }

        // Callback and ids
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(ImageGenerationRequest), add);
        return errors;
    }

    /// <summary>Kling counts each of the <c>n</c> images as one running task (kling-catalogue §0.2, Concurrency).</summary>
    protected override int ConcurrencySlots(ImageGenerationRequest request) => request.ImageCount ?? 1;

    public override string ConcurrencySlotsField => "n";

    /// <summary>A documented enum value (Kling's own list, the same on every host), compared as sent.</summary>
    private static void CheckKnown(string value, string path, string[] known, Action<string, string> add)
    {
        if (Array.IndexOf(known, value) < 0)
        {
            add(path, $"{path} \"{value}\" is not accepted; accepted: {string.Join(", ", known.Select(item => $"\"{item}\""))}.");
        }
    }

    private static void CheckFraction(double? value, string path, Action<string, string> add)
    {
        if (value is { } number && (!KlingValidationLimits.IsFinite(number) || number < 0 || number > 1))
        {
            add(path, Invariant($"{path} is {number}; it must be a finite number from 0 to 1."));
        }
    }

    /// <summary>Kling: elements and reference images together at most <see cref="MaxReferences"/>; every element is set.</summary>
    private static void CheckElements(IReadOnlyList<KlingElement>? elements, int referenceImages, Action<string, string> add)
    {
        if (elements is null)
        {
            return;
        }

        if (elements.Count + referenceImages > MaxReferences)
        {
            add("element_list", referenceImages > 0
                ? Invariant($"element_list has {elements.Count} elements and image adds {referenceImages} reference image; Kling allows at most {MaxReferences} together.")
                : Invariant($"element_list has {elements.Count} elements; Kling allows at most {MaxReferences} (elements and reference images together)."));
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is null)
            {
                add(Invariant($"element_list[{i}]"), "the element is null.");
            }
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
