using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.VideoToAudio;

/// <summary>Video to audio (<c>audio/video-to-audio</c>): its rules and body writer (kling-catalogue §5.2).</summary>
internal sealed class VideoToAudioDefinition : KlingTaskDefinition<VideoToAudioRequest>
{
    private VideoToAudioDefinition()
        : base(KlingTaskKind.VideoToAudio, "video-to-audio")
    {
    }

    public static VideoToAudioDefinition Instance { get; } = new();

    /// <summary>Writes the whole body; the video is a URL or an id, so there is no local media to yield.</summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, VideoToAudioRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "video_id", request.VideoId);
        WriteString(writer, "video_url", request.VideoUrl?.AbsoluteUri);
        WriteString(writer, "sound_effect_prompt", request.SoundEffectPrompt);
        WriteString(writer, "bgm_prompt", request.BackgroundMusicPrompt);
        if (request.AsmrMode is { } asmrMode)
        {
            writer.WriteBoolean("asmr_mode", asmrMode);
        }

        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
        return [];
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(VideoToAudioRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("video_id", request.VideoId is not null),
            ("video_url", request.VideoUrl is not null),
            ("sound_effect_prompt", request.SoundEffectPrompt is not null),
            ("bgm_prompt", request.BackgroundMusicPrompt is not null),
            ("asmr_mode", request.AsmrMode is not null),
            ("external_task_id", request.ExternalTaskId is not null),
            ("callback_url", request.CallbackUrl is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(VideoToAudioRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, VideoToAudioRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IReadOnlyList<KlingValidationError> Validate(VideoToAudioRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        CheckVideo(request.VideoId, request.VideoUrl, add);
        CheckText(request.SoundEffectPrompt, "sound_effect_prompt", limits.VideoToAudio.MaxSoundEffectPromptLength, "VideoToAudio.MaxSoundEffectPromptLength", add);
        CheckText(request.BackgroundMusicPrompt, "bgm_prompt", limits.VideoToAudio.MaxBackgroundMusicPromptLength, "VideoToAudio.MaxBackgroundMusicPromptLength", add);
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(VideoToAudioRequest), add);
        return errors;
    }

    /// <summary>
    /// Kling takes the video as exactly one of a Kling video id or a public URL. What the video itself holds (length,
    /// size, format) is not checked here: the SDK never downloads it.
    /// </summary>
    private static void CheckVideo(string? videoId, Uri? videoUrl, Action<string, string> add)
    {
        if (videoId is null && videoUrl is null)
        {
            add("video_id", "video_id or video_url is required: the video to add sound to, as the id of a Kling video (task_result.videos[].id) or a public http(s) URL of an MP4/MOV file.");
        }
        else if (videoId is not null && videoUrl is not null)
        {
            add("video_url", "video_id and video_url are both set; Kling takes exactly one of them: remove one.");
        }

        if (videoId is not null && videoId.Trim().Length == 0)
        {
            add("video_id", "video_id is empty or blank; set the id of a Kling video (task_result.videos[].id), or leave it null and set video_url.");
        }

        if (videoUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            add("video_url", !url.IsAbsoluteUri
                ? "video_url must be an absolute http or https URL; it is relative. Kling takes no local file: upload it and pass its URL, or pass video_id (the id of a Kling video)."
                : url.IsFile
                    ? "video_url is a local file; Kling takes only a public http(s) URL (or video_id, the id of a Kling video): upload the file and pass its URL."
                    : $"video_url must be an absolute http or https URL; it uses '{url.Scheme}'.");
        }
    }
}
