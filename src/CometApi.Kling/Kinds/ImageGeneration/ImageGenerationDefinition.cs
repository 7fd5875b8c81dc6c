using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.ImageGenerationRequest>;

namespace CometApi.Kling.Kinds.ImageGeneration;

/// <summary>Image generation (<c>images/generations</c>): its wire fields and rules (kling-catalogue §4.1).</summary>
internal sealed class ImageGenerationDefinition() : KlingTaskDefinition<ImageGenerationRequest>(
    KlingTaskKind.ImageGeneration,
    "image-generation",
    [
        Choice("model_name", static r => r.ModelName),
        Text("prompt", static r => r.Prompt),
        Text("negative_prompt", static r => r.NegativePrompt),
        Image("image", static r => r.Image),
        Choice("image_reference", static r => r.ImageReference),
        Number("image_fidelity", static r => r.ImageFidelity),
        Number("human_fidelity", static r => r.HumanFidelity),
        List("element_list", static r => r.Elements, WireValues.Element),
        Choice("resolution", static r => r.Resolution),
        Integer("n", static r => r.ImageCount),
        Choice("aspect_ratio", static r => r.AspectRatio),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ],
    concurrencySlotsField: "n")
{
    /// <summary>Kling: elements and reference images together, at most 10 (a rule of the model, not of a host).</summary>
    internal const int MaxReferences = 10;

    private static readonly string[] ImageReferences = ["subject", "face"];
    private static readonly string[] Resolutions = ["1k", "2k"];

    public static ImageGenerationDefinition Instance { get; } = new();

    /// <summary>Kling counts each of the <c>n</c> images as one running task (kling-catalogue §0.2, Concurrency).</summary>
    protected override int ConcurrencySlots(ImageGenerationRequest request) => request.ImageCount ?? 1;

    protected override void Validate(ImageGenerationRequest request, RequestRules rules)
    {
        rules.CheckPrompt(request.Prompt, "image generation generates from it");
        rules.CheckNegativePrompt(request.NegativePrompt);

        // Kling: "not supported" in image-to-image. A rule of the model, so it holds under every set of limits; without it
        // the images are paid for and the negative prompt silently ignored.
        if (request.NegativePrompt is not null && request.Image is not null)
        {
            rules.Add("negative_prompt", "negative_prompt is not supported with image (image to image); remove NegativePrompt or Image.");
        }

        // The reference image and what is taken from it
        rules.Inspect(request.Image, "image", checkAspectRatio: true);
        if (request.ImageReference is { } reference)
        {
            if (request.Image is null)
            {
                rules.Add("image_reference", "image_reference needs image: it says what to take from the reference image; set Image or remove ImageReference.");
            }

            CheckKnown(reference.ToString(), "image_reference", ImageReferences, rules);
        }

        CheckFraction(request.ImageFidelity, "image_fidelity", rules);
        CheckFraction(request.HumanFidelity, "human_fidelity", rules);
        if (request.HumanFidelity is not null && request.ImageReference != KlingImageReference.Subject)
        {
            rules.Add("human_fidelity", request.ImageReference is { } other
                ? $"human_fidelity applies only with image_reference \"subject\" (it is \"{other}\"); remove HumanFidelity or use KlingImageReference.Subject."
                : "human_fidelity applies only with image_reference \"subject\"; set ImageReference to KlingImageReference.Subject (with Image) or remove HumanFidelity.");
        }

        CheckElements(request.Elements, request.Image is not null ? 1 : 0, rules);

        // Output
        if (request.Resolution is { } resolution)
        {
            CheckKnown(resolution.ToString(), "resolution", Resolutions, rules);
        }

        var limits = rules.Limits.ImageGeneration;
        if (request.ImageCount is { } n && (n < 1 || n > limits.MaxImageCount))
        {
            rules.Add("n", Invariant($"n is {n}; it must be from 1 to {limits.MaxImageCount} ({LimitsName}.ImageGeneration.MaxImageCount)."));
        }

        rules.CheckAspectRatio(request.AspectRatio, limits.AllowedAspectRatios, "ImageGeneration.AllowedAspectRatios");
    }

    /// <summary>A documented enum value (Kling's own list, the same on every host), compared as sent.</summary>
    private static void CheckKnown(string value, string path, string[] known, RequestRules rules)
    {
        if (Array.IndexOf(known, value) < 0)
        {
            rules.Add(path, $"{path} \"{value}\" is not accepted; accepted: {string.Join(", ", known.Select(item => $"\"{item}\""))}.");
        }
    }

    private static void CheckFraction(double? value, string path, RequestRules rules)
    {
        if (value is { } number && (!KlingValidationLimits.IsFinite(number) || number < 0 || number > 1))
        {
            rules.Add(path, Invariant($"{path} is {number}; it must be a finite number from 0 to 1."));
        }
    }

    /// <summary>Kling: elements and reference images together at most <see cref="MaxReferences"/>; every element is set.</summary>
    private static void CheckElements(IReadOnlyList<KlingElement?>? elements, int referenceImages, RequestRules rules)
    {
        if (elements is not null && elements.Count + referenceImages > MaxReferences)
        {
            rules.Add("element_list", referenceImages > 0
                ? Invariant($"element_list has {elements.Count} elements and image adds {referenceImages} reference image; Kling allows at most {MaxReferences} together.")
                : Invariant($"element_list has {elements.Count} elements; Kling allows at most {MaxReferences} (elements and reference images together)."));
        }

        rules.CheckNoNullItems(elements, "element_list", "element");
    }
}
