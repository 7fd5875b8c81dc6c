using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>Whether Kling also produces a watermarked copy of the video (<c>watermark_info</c>).</summary>
public sealed record KlingWatermarkInfo
{
    /// <summary>Whether a watermarked copy is produced (<c>enabled</c>).</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }
}
