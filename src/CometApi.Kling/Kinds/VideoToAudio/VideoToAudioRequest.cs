using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/audio/video-to-audio</c>: give a video a generated soundtrack. Set exactly one of
/// <see cref="VideoId"/> (a video Kling made) or <see cref="VideoUrl"/> (a public URL); local files are not accepted by
/// this route, so upload one first. The result holds both the video with its new sound (<see cref="TaskResult.Videos"/>)
/// and the sound alone (<see cref="TaskResult.Audios"/>, as MP3 and WAV). Every property left <see langword="null"/> is
/// omitted from the request.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<VideoToAudioRequest>))]
public sealed record VideoToAudioRequest : KlingTaskRequest
{
    /// <summary>
    /// The id of a video Kling generated (<c>video_id</c>, a <see cref="KlingVideo.Id"/>), or set <see cref="VideoUrl"/>
    /// instead. Kling documents that the video must be at most 30 days old and last 3 to 20 seconds; the service checks that.
    /// </summary>
    [JsonPropertyName("video_id")]
    public string? VideoId { get; set; }

    /// <summary>
    /// A public http(s) URL of the video (<c>video_url</c>), or set <see cref="VideoId"/> instead. Kling documents MP4 or
    /// MOV, at most 100 MB, 3 to 20 seconds (CometAPI adds 720p or 1080p); the SDK does not download the video, so the
    /// service checks those. A local file cannot be sent: this route takes no base64 video.
    /// </summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; set; }

    /// <summary>What the sound effects should be (<c>sound_effect_prompt</c>; official Kling, at most 200 characters: <see cref="KlingVideoToAudioLimits.MaxSoundEffectPromptLength"/>).</summary>
    [JsonPropertyName("sound_effect_prompt")]
    public string? SoundEffectPrompt { get; set; }

    /// <summary>What the background music should be (<c>bgm_prompt</c>; official Kling, at most 200 characters: <see cref="KlingVideoToAudioLimits.MaxBackgroundMusicPromptLength"/>).</summary>
    [JsonPropertyName("bgm_prompt")]
    public string? BackgroundMusicPrompt { get; set; }

    /// <summary>Whether to generate ASMR-style detailed sound (<c>asmr_mode</c>; official Kling, default <see langword="false"/>).</summary>
    [JsonPropertyName("asmr_mode")]
    public bool? AsmrMode { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.VideoToAudio.VideoToAudioDefinition.Instance;
}
