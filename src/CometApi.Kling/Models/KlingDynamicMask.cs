using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>A motion-brush group (<c>dynamic_masks[]</c>): the area that moves and the path it follows.</summary>
public sealed record KlingDynamicMask
{
    /// <summary>The mask marking the moving area (<c>mask</c>); same resolution as the static mask, same aspect ratio as the image.</summary>
    [JsonPropertyName("mask")]
    public required KlingImage Mask { get; init; }

    /// <summary>The path, first point first (<c>trajectories</c>); Kling accepts 2 to 77 points.</summary>
    [JsonPropertyName("trajectories")]
    public required IReadOnlyList<KlingTrajectoryPoint> Trajectories { get; init; }
}
