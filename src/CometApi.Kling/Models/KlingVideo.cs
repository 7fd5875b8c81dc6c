using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A generated video (<c>task_result.videos[]</c>). Its URL is temporary: save the file promptly.</summary>
public sealed record KlingVideo
{
    /// <summary>The video's globally unique id, used by video-extend and lip-sync (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Id { get; init; }

    /// <summary>Where to download the MP4 (<c>url</c>); Kling deletes it after 30 days, CometAPI may sooner.</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    /// <summary>Where to download the watermarked copy, if one was requested (<c>watermark_url</c>).</summary>
    [JsonPropertyName("watermark_url")]
    public Uri? WatermarkUrl { get; init; }

    /// <summary>The length in seconds as the service wrote it, e.g. <c>"5.1"</c> (<c>duration</c>).</summary>
    [JsonPropertyName("duration")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Duration { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
