using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>One point of a motion-brush trajectory, in pixels, with the origin at the image's bottom-left corner.</summary>
/// <param name="X">Pixels from the left edge (<c>x</c>).</param>
/// <param name="Y">Pixels from the bottom edge (<c>y</c>).</param>
public readonly record struct KlingTrajectoryPoint(
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y);
