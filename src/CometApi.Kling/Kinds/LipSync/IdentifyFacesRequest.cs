using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/identify-face</c>, the first step of a lip-sync: the video whose faces to find,
/// as <see cref="VideoId"/> or <see cref="VideoUrl"/> (exactly one). The properties are settable (also from C# 7.3).
/// </summary>
public sealed record IdentifyFacesRequest
{
    /// <summary>A video Kling generated (<c>video_id</c>, <see cref="KlingVideo.Id"/>), at most 30 days old and 60 s long; set this or <see cref="VideoUrl"/>.</summary>
    [JsonPropertyName("video_id")]
    public string? VideoId { get; set; }

    /// <summary>
    /// A video Kling downloads (<c>video_url</c>): MP4 or MOV, at most 100 MB, 2 to 60 s, 720p or 1080p, each side 512 to
    /// 2160 px (Kling's rules; the SDK does not download it to check them); set this or <see cref="VideoId"/>.
    /// </summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; set; }

    /// <summary>Extra body fields written as they are, for fields released after this SDK. A key may not repeat a typed property that is set.</summary>
    [JsonIgnore]
    public IDictionary<string, JsonNode?>? AdditionalProperties { get; set; }
}
