using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The movement of a <see cref="KlingCameraControlType.Simple"/> camera (<c>camera_control.config</c>). Kling wants exactly
/// one non-zero axis, each within [-10, 10]; axes left unset are omitted from the request.
/// </summary>
public sealed record KlingCameraConfig
{
    /// <summary>Sideways travel along the x-axis: negative left, positive right (<c>horizontal</c>).</summary>
    [JsonPropertyName("horizontal")]
    public double? Horizontal { get; set; }

    /// <summary>Travel along the y-axis: negative down, positive up (<c>vertical</c>).</summary>
    [JsonPropertyName("vertical")]
    public double? Vertical { get; set; }

    /// <summary>Rotation about the y-axis: negative left, positive right (<c>pan</c>).</summary>
    [JsonPropertyName("pan")]
    public double? Pan { get; set; }

    /// <summary>Rotation about the x-axis: negative down, positive up (<c>tilt</c>).</summary>
    [JsonPropertyName("tilt")]
    public double? Tilt { get; set; }

    /// <summary>Rotation about the z-axis: negative counter-clockwise, positive clockwise (<c>roll</c>).</summary>
    [JsonPropertyName("roll")]
    public double? Roll { get; set; }

    /// <summary>Focal-length change: negative narrows the field of view, positive widens it (<c>zoom</c>).</summary>
    [JsonPropertyName("zoom")]
    public double? Zoom { get; set; }
}
