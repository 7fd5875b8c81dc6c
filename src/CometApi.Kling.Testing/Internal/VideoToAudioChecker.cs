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
        var problem = CheckVideo(body)
            ?? CheckText(body, "sound_effect_prompt", MaxPromptLength, out soundEffectPrompt)
            ?? CheckText(body, "bgm_prompt", MaxPromptLength, out bgmPrompt)
            ?? CheckBoolean(body, "asmr_mode");

        // Both prompts are what the risky-prompt fault looks at.
        var prompts = string.Join(" ", new[] { soundEffectPrompt, bgmPrompt }.Where(text => text is not null));
        return problem ?? Accept(body, VideoDuration, prompts.Length == 0 ? null : prompts, out fields, takesWatermark: false);
    }

    private static string? CheckVideo(JsonElement body)
    {
        var videoId = Get(body, "video_id");
        var videoUrl = Get(body, "video_url");
        if (CheckOneOf(
                videoId,
                videoUrl,
                "video_id or video_url is required: the id of a Kling video or a public URL of an MP4/MOV file",
                "invalid parameters: video_id and video_url are mutually exclusive, send one of them") is { } problem)
        {
            return problem;
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
}
