using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.TextToVideoRequest>;

namespace CometApi.Kling.Kinds.TextToVideo;

/// <summary>Text to video (<c>videos/text2video</c>): its wire fields and rules (kling-catalogue §3.1).</summary>
internal sealed class TextToVideoDefinition() : KlingTaskDefinition<TextToVideoRequest>(
    KlingTaskKind.TextToVideo,
    "text-to-video",
    [
        Text("prompt", static r => r.Prompt),
        Text("negative_prompt", static r => r.NegativePrompt),
        Choice("model_name", static r => r.ModelName),
        Choice("aspect_ratio", static r => r.AspectRatio),
        Choice("mode", static r => r.Mode),
        Choice("duration", static r => r.Duration),
        Number("cfg_scale", static r => r.CfgScale),
        Object("camera_control", static r => r.CameraControl, WireValues.CameraControl),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
        Choice("sound", static r => r.Sound),
        List("voice_list", static r => r.Voices, WireValues.Voice),
        Flag("multi_shot", static r => r.MultiShot),
        Choice("shot_type", static r => r.ShotType),
        List("multi_prompt", static r => r.Shots, WireValues.Shot),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
    ])
{
    public static TextToVideoDefinition Instance { get; } = new();

    protected override void Validate(TextToVideoRequest request, RequestRules rules)
    {
        // Kling: the prompt "must not be empty" unless multi_shot is on, whose rules own it (a customised video's shots
        // carry their own prompts; an "intelligence" one needs the prompt).
        rules.CheckPrompt(request.Prompt, request.MultiShot == true ? null : "text to video generates from it");
        rules.CheckNegativePrompt(request.NegativePrompt);
        rules.CheckAspectRatio(request.AspectRatio, rules.Limits.AllowedAspectRatios, nameof(KlingValidationLimits.AllowedAspectRatios));
        rules.CheckVideoSettings(request.ModelName, request.Mode, request.Duration, request.CfgScale, fourKModel: KlingModel.KlingV3.ToString());
        if (request.CameraControl is { } camera)
        {
            rules.CheckCamera(camera);
        }

        rules.CheckVoicesSoundAndShots(
            request.Prompt, request.Sound, request.Voices, elements: null, request.MultiShot, request.ShotType, request.Shots, request.Duration, hasImageTail: false);
    }
}
