using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>A motion-brush group (<c>dynamic_masks[]</c>): the area that moves and the path it follows.</summary>
public sealed record KlingDynamicMask
{
    /// <summary>
    /// The mask marking the moving area (<c>mask</c>); same resolution as the static mask, same aspect ratio as the image.
    /// Required: a group without one is reported by the validator and not sent.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("mask")]
    public KlingImage? Mask { get; set; }

    /// <summary>The path, first point first (<c>trajectories</c>); Kling accepts 2 to 77 points; empty until set.</summary>
    [JsonPropertyName("trajectories")]
    public IReadOnlyList<KlingTrajectoryPoint> Trajectories { get; set; } = Array.Empty<KlingTrajectoryPoint>();
}
