using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/audio/video-to-audio</c> (docs/kling-catalogue.md section 5.2): the video
/// as exactly one of <c>video_id</c> or an http(s) <c>video_url</c> (never base64), two optional prompts of at most 200
/// characters and a boolean <c>asmr_mode</c>. The video itself is not fetched; every task's result is the emulator's 5 s
/// MP4 with its sound, and that sound alone.
/// </summary>
internal static class VideoToAudioChecker
{
    private const int MaxPromptLength = 200;

    /// <summary>The length the result reports: the emulator's video lasts 5 s, whatever video was named.</summary>
    private const string VideoDuration = "5";

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        string? soundEffectPrompt = null;
        string? bgmPrompt = null;
        Uri? callbackUrl = null;
        string? externalTaskId = null;
        var problem = CheckVideo(body)
            ?? CheckText(body, "sound_effect_prompt", MaxPromptLength, out soundEffectPrompt)
            ?? CheckText(body, "bgm_prompt", MaxPromptLength, out bgmPrompt)
            ?? CheckBoolean(body, "asmr_mode")
            ?? CheckCallbackUrl(body, out callbackUrl)
            ?? CheckExternalTaskId(body, out externalTaskId);
        if (problem is not null)
        {
            return problem;
        }

        // Both prompts are what the risky-prompt fault looks at.
        var prompts = string.Join(" ", new[] { soundEffectPrompt, bgmPrompt }.Where(text => text is not null));
        fields = new CreateFields(externalTaskId, callbackUrl, Watermark: null, VideoDuration, prompts.Length == 0 ? null : prompts);
        return null;
    }

    private static string? CheckVideo(JsonElement body)
    {
        var videoId = Get(body, "video_id");
        var videoUrl = Get(body, "video_url");
        if (videoId is null && videoUrl is null)
        {
            return "video_id or video_url is required: the id of a Kling video or a public URL of an MP4/MOV file";
        }

        if (videoId is not null && videoUrl is not null)
        {
            return "invalid parameters: video_id and video_url are mutually exclusive, send one of them";
        }

        if (videoId is { } id && (id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString())))
        {
            return "invalid video_id: must be a non-empty string, the id of a Kling video";
        }

        if (videoUrl is not { } url)
        {
            return null;
        }

        if (url.ValueKind != JsonValueKind.String)
        {
            return "invalid video_url: must be a string, a public http(s) URL";
        }

        var text = url.GetString()!;
        return Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps) && parsed.Host.Length > 0
            ? null
            : $"invalid video_url: '{(text.Length > 64 ? text[..64] + "..." : text)}' is not a public http(s) URL; the video is taken only by URL or video_id";
    }

    private static string? CheckBoolean(JsonElement body, string field) =>
        Get(body, field) is { } value && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? $"invalid {field}: must be a boolean" : null;
}
