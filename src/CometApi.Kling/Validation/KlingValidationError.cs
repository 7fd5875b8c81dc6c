using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>One problem found in a request before it was sent.</summary>
/// <param name="Path">The JSON path of the field, e.g. <c>prompt</c> or <c>dynamic_masks[2].trajectories</c>.</param>
/// <param name="Message">What is wrong: the limit and the actual value.</param>
public sealed record KlingValidationError(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Returns <c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
