using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.ImageToVideoRequest>;

namespace CometApi.Kling.Kinds.ImageToVideo;

/// <summary>Image to video (<c>videos/image2video</c>): its wire fields and rules (kling-api §1.2 to 1.4).</summary>
internal sealed class ImageToVideoDefinition() : KlingTaskDefinition<ImageToVideoRequest>(
    KlingTaskKind.ImageToVideo,
    "image-to-video",
    [
        Image("image", static r => r.Image),
        Image("image_tail", static r => r.ImageTail),
        Text("prompt", static r => r.Prompt),
        Text("negative_prompt", static r => r.NegativePrompt),
        Choice("model_name", static r => r.ModelName),
        Choice("mode", static r => r.Mode),
        Choice("duration", static r => r.Duration),
        Number("cfg_scale", static r => r.CfgScale),
        Image("static_mask", static r => r.StaticMask),
        List("dynamic_masks", static r => r.DynamicMasks, DynamicMask),
        Object("camera_control", static r => r.CameraControl, WireValues.CameraControl),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
        Choice("sound", static r => r.Sound),
        List("voice_list", static r => r.Voices, WireValues.Voice),
        List("element_list", static r => r.Elements, WireValues.Element),
        Flag("multi_shot", static r => r.MultiShot),
        Choice("shot_type", static r => r.ShotType),
        List("multi_prompt", static r => r.Shots, WireValues.Shot),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
    ])
{
    /// <summary>A motion-brush group: its mask and the path the masked area follows.</summary>
    private static readonly WireObject<KlingDynamicMask> DynamicMask = new(
    [
        Wire<KlingDynamicMask>.Image("mask", static m => m.Mask),
        Wire<KlingDynamicMask>.List("trajectories", static m => m.Trajectories, WireValues.Point),
    ]);

    public static ImageToVideoDefinition Instance { get; } = new();

    protected override void Validate(ImageToVideoRequest request, RequestRules rules)
    {
        var requireImage = rules.Limits.ImageToVideo.RequireImage;
        if (request.Image is null && (requireImage || request.ImageTail is null))
        {
            rules.Add("image", requireImage ? $"image is required ({LimitsName}.ImageToVideo.RequireImage)." : "image or image_tail is required.");
        }

        var image = rules.Inspect(request.Image, "image", checkAspectRatio: true);
        rules.Inspect(request.ImageTail, "image_tail", checkAspectRatio: false);
        rules.CheckPrompt(request.Prompt, requiredBecause: null);
        rules.CheckNegativePrompt(request.NegativePrompt);
        rules.CheckVideoSettings(request.ModelName, request.Mode, request.Duration, request.CfgScale, fourKModel: KlingModel.KlingV3.ToString());

        // Motion brush
        var masksSet = request.StaticMask is not null || request.DynamicMasks is not null;
        if (masksSet && request.ImageTail is not null)
        {
            rules.Add(request.StaticMask is not null ? "static_mask" : "dynamic_masks", RequestRules.Exclusive("static_mask/dynamic_masks", "image_tail"));
        }

        var staticMask = rules.Inspect(request.StaticMask, "static_mask", checkAspectRatio: true);
        rules.CheckSameResolution(staticMask, image, "static_mask", "image");
        if (request.DynamicMasks is { } dynamicMasks)
        {
            rules.CheckDynamicMasks(dynamicMasks, image, staticMask);
        }

        if (request.CameraControl is { } camera)
        {
            if (request.ImageTail is not null || masksSet)
            {
                rules.Add("camera_control", RequestRules.Exclusive("camera_control", request.ImageTail is not null ? "image_tail" : "static_mask/dynamic_masks"));
            }

            rules.CheckCamera(camera);
        }

        rules.CheckVoicesSoundAndShots(
            request.Prompt, request.Sound, request.Voices, request.Elements, request.MultiShot, request.ShotType, request.Shots, request.Duration, request.ImageTail is not null);
    }
}
