using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.ImageToVideo;

/// <summary>Image to video (<c>videos/image2video</c>): its rules and body writer.</summary>
internal sealed class ImageToVideoDefinition : KlingTaskDefinition<ImageToVideoRequest>
{
    private ImageToVideoDefinition()
        : base(KlingTaskKind.ImageToVideo, "image-to-video")
    {
    }

    public static ImageToVideoDefinition Instance { get; } = new();

    protected override string? ExternalTaskIdOf(ImageToVideoRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, ImageToVideoRequest request, string? externalTaskId) =>
        ImageToVideoRequestWriter.WriteParts(writer, request, externalTaskId);

    protected override void ReleaseAfterCall(ImageToVideoRequest request) => ImageToVideoRequestWriter.ReleaseImagesAfterCall(request);

    protected override IEnumerable<KlingImage> LocalMedia(ImageToVideoRequest request)
    {
        if (request.Image is { } image)
        {
            yield return image;
        }

        if (request.ImageTail is { } imageTail)
        {
            yield return imageTail;
        }

        if (request.StaticMask is { } staticMask)
        {
            yield return staticMask;
        }

        foreach (var group in request.DynamicMasks ?? [])
        {
            if (group?.Mask is { } mask)
            {
                yield return mask;
            }
        }
    }

    protected override IReadOnlyList<KlingValidationError> Validate(ImageToVideoRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();

        // One delegate for the whole check (passing the local function itself would allocate one per call site).
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // image / image_tail
        if (request.Image is null && (limits.ImageToVideo.RequireImage || request.ImageTail is null))
        {
            add("image", limits.ImageToVideo.RequireImage
                ? $"image is required ({LimitsName}.ImageToVideo.RequireImage)."
                : "image or image_tail is required.");
        }

        var image = rules.Inspect(request.Image, "image", checkAspectRatio: true, add, prepared);
        rules.Inspect(request.ImageTail, "image_tail", checkAspectRatio: false, add, prepared);

        // Text and scalar fields
        CheckText(request.Prompt, "prompt", limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        var refersToVoice = CheckVoiceReferences(request.Prompt, request.Voices?.Count ?? 0, add);
        CheckText(request.NegativePrompt, "negative_prompt", limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);
        rules.CheckModeAndDuration(request.Mode, request.Duration, request.ModelName, KlingModel.KlingV3.ToString(), add);
        rules.CheckCfgScale(request.CfgScale, request.ModelName, add);

        // Motion brush
        var masksSet = request.StaticMask is not null || request.DynamicMasks is not null;
        if (masksSet && request.ImageTail is not null)
        {
            add(request.StaticMask is not null ? "static_mask" : "dynamic_masks", Exclusive("static_mask/dynamic_masks", "image_tail"));
        }

        var staticMask = rules.Inspect(request.StaticMask, "static_mask", checkAspectRatio: true, add, prepared);
        CheckSameResolution(staticMask, image, "static_mask", "image", add);
        if (request.DynamicMasks is { } dynamicMasks)
        {
            rules.CheckDynamicMasks(dynamicMasks, image, staticMask, add, prepared);
        }

        // Camera
        if (request.CameraControl is { } camera)
        {
            if (request.ImageTail is not null || masksSet)
            {
                add("camera_control", Exclusive("camera_control", request.ImageTail is not null ? "image_tail" : "static_mask/dynamic_masks"));
            }

            rules.CheckCamera(camera, add);
        }

        // Callback and ids
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        // Voices and elements (official Kling fields: their rules are Kling's, so they hold under every set of limits)
        CheckSoundForVoice(refersToVoice, request.Sound, add);
        CheckVoicesAndElements(request.Voices, request.Elements, add);
        if (request.MultiShot == true)
        {
            CheckMultiShot(request.ImageTail is not null, request.ShotType, request.Prompt, request.Shots, request.Duration, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, ImageToVideoRequestWriter.SetPropertyNames(request), nameof(ImageToVideoRequest), add);
        return errors;
    }
}
