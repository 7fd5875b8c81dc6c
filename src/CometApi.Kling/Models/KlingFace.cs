using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A face found in a video by <see cref="KlingClient.IdentifyFacesAsync"/> (<c>face_data[]</c>).</summary>
public sealed record KlingFace
{
    /// <summary>The face's id within its session (<c>face_id</c>), for <see cref="KlingFaceChoice.FaceId"/>.</summary>
    [JsonPropertyName("face_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? FaceId { get; init; }

    /// <summary>A picture of the face (<c>face_image</c>), to show the user which face is which.</summary>
    [JsonPropertyName("face_image")]
    public Uri? FaceImage { get; init; }

    /// <summary>When the face first appears in the video (<c>start_time</c>, milliseconds on the wire).</summary>
    [JsonPropertyName("start_time")]
    [JsonConverter(typeof(MillisecondsJsonConverter))]
    public TimeSpan StartTime { get; init; }

    /// <summary>When the face last appears in the video (<c>end_time</c>, milliseconds on the wire).</summary>
    [JsonPropertyName("end_time")]
    [JsonConverter(typeof(MillisecondsJsonConverter))]
    public TimeSpan EndTime { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
