using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.MultiImageToVideoRequest>;

namespace CometApi.Kling.Kinds.MultiImageToVideo;

/// <summary>Multi-image to video (<c>videos/multi-image2video</c>): its wire fields and rules (kling-catalogue §3.2).</summary>
internal sealed class MultiImageToVideoDefinition() : KlingTaskDefinition<MultiImageToVideoRequest>(
    KlingTaskKind.MultiImageToVideo,
    "multi-image-to-video",
    [
        Choice("model_name", static r => r.ModelName),
        List("image_list", static r => r.Images, ImageItem),
        Text("prompt", static r => r.Prompt),
        Text("negative_prompt", static r => r.NegativePrompt),
        Choice("mode", static r => r.Mode),
        Choice("duration", static r => r.Duration),
        Choice("aspect_ratio", static r => r.AspectRatio),
        Number("cfg_scale", static r => r.CfgScale),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
    ])
{
    /// <summary>An <c>image_list</c> item: <c>{"image": …}</c>.</summary>
    private static readonly WireObject<KlingImageListItem> ImageItem = new([Wire<KlingImageListItem>.Image("image", static item => item.Image)]);

    public static MultiImageToVideoDefinition Instance { get; } = new();

    protected override void Validate(MultiImageToVideoRequest request, RequestRules rules)
    {
        CheckImages(request.Images, rules);

        // Both sources mark the prompt required: the images say who and what, the prompt what happens.
        rules.CheckPrompt(request.Prompt, "multi-image to video generates from the images and the prompt");
        rules.CheckNegativePrompt(request.NegativePrompt);
        rules.CheckModeAndDuration(request.Mode, request.Duration, request.ModelName, fourKModel: null);
        rules.CheckAspectRatio(request.AspectRatio, rules.Limits.AllowedAspectRatios, nameof(KlingValidationLimits.AllowedAspectRatios));
        rules.CheckCfgScale(request.CfgScale, request.ModelName);
    }

    /// <summary>image_list: required, within the count limits, and each item an image that follows the common image rule.</summary>
    private static void CheckImages(IReadOnlyList<KlingImageListItem?>? items, RequestRules rules)
    {
        var (min, max) = (rules.Limits.MultiImageToVideo.MinImageCount, rules.Limits.MultiImageToVideo.MaxImageCount);
        if (items is null)
        {
            rules.Add("image_list", Invariant($"image_list is required: list {min} to {max} images ({LimitsName}.MultiImageToVideo.MinImageCount, MultiImageToVideo.MaxImageCount)."));
            return;
        }

        if (items.Count < min || items.Count > max)
        {
            rules.Add("image_list", Invariant(
                $"image_list has {items.Count} {(items.Count == 1 ? "image" : "images")}; it must have {min} to {max} ({LimitsName}.MultiImageToVideo.MinImageCount, MultiImageToVideo.MaxImageCount)."));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (rules.Item(items, i, "image_list", "item", out var item, out var path))
            {
                rules.RequireImage(item.Image, path + ".image", "image is required.");
            }
        }
    }
}
