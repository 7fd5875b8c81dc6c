using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.MultiImageToVideo;

/// <summary>Multi-image to video (<c>videos/multi-image2video</c>): its rules and body writer (kling-catalogue §3.2).</summary>
internal sealed class MultiImageToVideoDefinition : KlingTaskDefinition<MultiImageToVideoRequest>
{
    private MultiImageToVideoDefinition()
        : base(KlingTaskKind.MultiImageToVideo, "multi-image-to-video")
    {
    }

    public static MultiImageToVideoDefinition Instance { get; } = new();

    /// <summary>
    /// Writes the body up to each local image of <c>image_list</c>, whose source is yielded for the caller to write in
    /// place (streamed); URL images are written here.
    /// </summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, MultiImageToVideoRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "model_name", request.ModelName?.ToString());
        if (request.Images is { } items)
        {
            writer.WriteStartArray("image_list");
            foreach (var item in items)
            {
                // A null item (refused by validation) is written as null by JsonSerializer rather than failing there.
                if (item is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                if (WriteImage(writer, "image", item.Image) is { } source)
                {
                    yield return source;
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteString(writer, "duration", request.Duration?.ToString());
        WriteString(writer, "aspect_ratio", request.AspectRatio?.ToString());
        if (request.CfgScale is { } cfgScale)
        {
            writer.WriteNumber("cfg_scale", cfgScale);
        }

        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteWatermark(writer, request.WatermarkInfo);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(MultiImageToVideoRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("model_name", request.ModelName is not null),
            ("image_list", request.Images is not null),
            ("prompt", request.Prompt is not null),
            ("negative_prompt", request.NegativePrompt is not null),
            ("mode", request.Mode is not null),
            ("duration", request.Duration is not null),
            ("aspect_ratio", request.AspectRatio is not null),
            ("cfg_scale", request.CfgScale is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
            ("watermark_info", request.WatermarkInfo is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(MultiImageToVideoRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, MultiImageToVideoRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(MultiImageToVideoRequest request)
    {
        foreach (var item in request.Images ?? [])
        {
            if (item?.Image is { } image)
            {
                yield return image;
            }
        }
    }

    /// <summary>Releases what the call owned for each local image; allocates nothing, as every create ends here.</summary>
    protected override void ReleaseAfterCall(MultiImageToVideoRequest request)
    {
        if (request.Images is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                items[i]?.Image?.Source?.ReleaseAfterCall();
            }
        }
    }

    protected override IReadOnlyList<KlingValidationError> Validate(MultiImageToVideoRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        CheckImages(request.Images, rules, add, prepared);

        // Both sources mark the prompt required: the images say who and what, the prompt what happens.
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            add("prompt", request.Prompt is null ? "prompt is required: multi-image to video generates from the images and the prompt." : "prompt is empty or blank; multi-image to video generates from the images and the prompt.");
        }

        CheckText(request.Prompt, "prompt", limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        CheckText(request.NegativePrompt, "negative_prompt", limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);
        rules.CheckModeAndDuration(request.Mode, request.Duration, request.ModelName, fourKModel: null, add);
        if (request.AspectRatio is { } aspectRatio)
        {
            CheckAllowed(aspectRatio.ToString(), "aspect_ratio", limits.AllowedAspectRatios, nameof(KlingValidationLimits.AllowedAspectRatios), add);
        }

        rules.CheckCfgScale(request.CfgScale, request.ModelName, add);
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(MultiImageToVideoRequest), add);
        return errors;
    }

    /// <summary>image_list: required, within the count limits, and each item an image that follows the common image rule.</summary>
    private static void CheckImages(IReadOnlyList<KlingImageListItem>? items, RequestRules rules, Action<string, string> add, PreparedRequest prepared)
    {
        var (min, max) = (rules.Limits.MultiImageToVideo.MinImageCount, rules.Limits.MultiImageToVideo.MaxImageCount);
        if (items is null)
        {
            add("image_list", Invariant($"image_list is required: list {min} to {max} images ({LimitsName}.MultiImageToVideo.MinImageCount, MultiImageToVideo.MaxImageCount)."));
            return;
        }

        if (items.Count < min || items.Count > max)
        {
            add("image_list", Invariant($"image_list has {items.Count} {(items.Count == 1 ? "image" : "images")}; it must have {min} to {max} ({LimitsName}.MultiImageToVideo.MinImageCount, MultiImageToVideo.MaxImageCount)."));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = Invariant($"image_list[{i}]");
            if (items[i] is not { } item)
            {
                add(path, "the item is null.");
                continue;
            }

            if (item.Image is null)
            {
                add(path + ".image", "image is required.");
                continue;
            }

            rules.Inspect(item.Image, path + ".image", checkAspectRatio: true, add, prepared);
        }
    }
}
