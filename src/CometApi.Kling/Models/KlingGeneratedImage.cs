using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>A generated image (<c>task_result.images[]</c>). Its URL is temporary: save the file promptly.</summary>
public sealed record KlingGeneratedImage
{
    /// <summary>The image's position among the task's images, 0 to 9 (<c>index</c>).</summary>
    [JsonPropertyName("index")]
    public int? Index { get; init; }

    /// <summary>Where to download the image (<c>url</c>).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    /// <summary>Where to download the watermarked copy, if one was requested (<c>watermark_url</c>).</summary>
    [JsonPropertyName("watermark_url")]
    public Uri? WatermarkUrl { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
