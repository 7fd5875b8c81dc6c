using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>Camera movement for the video (<c>camera_control</c>). Omit it to let the model choose.</summary>
public sealed record KlingCameraControl
{
    /// <summary>The movement preset (<c>type</c>). Required: a camera control without one is reported by the validator and not sent.</summary>
    [JsonPropertyName("type")]
    public KlingCameraControlType Type { get; set; }

    /// <summary>The single movement for <see cref="KlingCameraControlType.Simple"/> (<c>config</c>); leave unset for other types.</summary>
    [JsonPropertyName("config")]
    public KlingCameraConfig? Config { get; set; }
}
