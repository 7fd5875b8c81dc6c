using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.AvatarRequest>;

namespace CometApi.Kling.Kinds.Avatar;

/// <summary>Avatar (<c>videos/avatar/image2video</c>): its wire fields and rules (kling-catalogue §3.4).</summary>
internal sealed class AvatarDefinition() : KlingTaskDefinition<AvatarRequest>(
    KlingTaskKind.Avatar,
    "avatar",
    [
        Image("image", static r => r.Image),
        Text("audio_id", static r => r.AudioId),
        Audio("sound_file", static r => r.Audio),
        Text("prompt", static r => r.Prompt),
        Choice("mode", static r => r.Mode),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ])
{
    public static AvatarDefinition Instance { get; } = new();

    protected override void Validate(AvatarRequest request, RequestRules rules)
    {
        var limits = rules.Limits.Avatar;

        // The face: required, under the common image rule (kling-catalogue §0.2).
        rules.RequireImage(request.Image, "image", "image is required: the avatar is the face in this image (a JPEG or PNG, as a URL or local data).");

        // The speech: exactly one of audio_id and sound_file; a local WAV's length within the host's range.
        rules.CheckOneAudio(request.AudioId, request.Audio, string.Empty);
        rules.InspectAudio(
            request.Audio,
            "sound_file",
            limits.MinAudioLength,
            limits.MaxAudioLength,
            $"{LimitsName}.Avatar.MinAudioLength, Avatar.MaxAudioLength");

        // CometAPI's newer pages: "the API rejects requests without it"; official Kling: optional.
        if (limits.RequirePrompt)
        {
            rules.Require(
                request.Prompt,
                "prompt",
                $"prompt is required: CometAPI rejects avatar requests without one ({LimitsName}.Avatar.RequirePrompt); describe what the avatar does while speaking.",
                $"prompt is empty or blank; CometAPI rejects avatar requests without one ({LimitsName}.Avatar.RequirePrompt).");
        }

        rules.CheckText(request.Prompt, "prompt", limits.MaxPromptLength, "Avatar.MaxPromptLength");
        rules.CheckMode(request.Mode, "mode", model: null, fourKModel: null);
    }
}
