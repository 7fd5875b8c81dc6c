using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The reference video of an omni-video request (<c>video_list[]</c>, at most one), named in the prompt as
/// <c>&lt;&lt;&lt;video_1&gt;&gt;&gt;</c>. Kling's own rules for it (MP4/MOV, 3 to 10 s, 720 to 2160 px, 24 to 60 fps, at
/// most 200 MB) are not checked by the SDK, which does not download URLs.
/// </summary>
public sealed record KlingReferenceVideo
{
    /// <summary>Where Kling downloads the video (<c>video_url</c>), an absolute http(s) URL. Required.</summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; set; }

    /// <summary>
    /// How the video is used (<c>refer_type</c>): <see cref="KlingVideoReferenceType.Feature"/> (a style reference) or
    /// <see cref="KlingVideoReferenceType.Base"/> (the video to edit).
    /// </summary>
    [JsonPropertyName("refer_type")]
    public KlingVideoReferenceType? ReferenceType { get; set; }

    /// <summary>Whether the output keeps the video's own sound (<c>keep_original_sound</c>, sent as <c>"yes"</c> or <c>"no"</c>).</summary>
    [JsonPropertyName("keep_original_sound")]
    public bool? KeepOriginalSound { get; set; }
}
