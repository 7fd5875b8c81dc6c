using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.VideoToAudioRequest>;

namespace CometApi.Kling.Kinds.VideoToAudio;

/// <summary>Video to audio (<c>audio/video-to-audio</c>): its wire fields and rules (kling-catalogue §5.2).</summary>
internal sealed class VideoToAudioDefinition() : KlingTaskDefinition<VideoToAudioRequest>(
    KlingTaskKind.VideoToAudio,
    "video-to-audio",
    [
        Text("video_id", static r => r.VideoId),
        Url("video_url", static r => r.VideoUrl),
        Text("sound_effect_prompt", static r => r.SoundEffectPrompt),
        Text("bgm_prompt", static r => r.BackgroundMusicPrompt),
        Flag("asmr_mode", static r => r.AsmrMode),
        ExternalTaskId(static r => r.ExternalTaskId),
        CallbackUrl,
    ])
{
    public static VideoToAudioDefinition Instance { get; } = new();

    protected override void Validate(VideoToAudioRequest request, RequestRules rules)
    {
        var limits = rules.Limits.VideoToAudio;
        rules.CheckVideoReference(request.VideoId, request.VideoUrl, "the video to add sound to");
        rules.CheckText(request.SoundEffectPrompt, "sound_effect_prompt", limits.MaxSoundEffectPromptLength, "VideoToAudio.MaxSoundEffectPromptLength");
        rules.CheckText(request.BackgroundMusicPrompt, "bgm_prompt", limits.MaxBackgroundMusicPromptLength, "VideoToAudio.MaxBackgroundMusicPromptLength");
    }
}
