using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// What a video effect is applied to (<c>input</c>): one image for a single-image scene (<see cref="Image"/>), or two
/// people for a two-person scene (<see cref="Images"/>), never both.
/// </summary>
public sealed record KlingEffectInput
{
    /// <summary>
    /// The image of a single-image scene such as <c>squish</c> (<c>image</c>); JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image")]
    public KlingImage? Image { get; set; }

    /// <summary>
    /// The two people of a two-person scene such as <c>hug</c> (<c>images</c>): exactly 2, the first shown on the left
    /// and the second on the right; each follows the same rules as <see cref="Image"/>.
    /// Images from <see cref="KlingImage.FromStream"/> make the request single-use.
    /// </summary>
    [JsonPropertyName("images")]
    public IReadOnlyList<KlingImage>? Images { get; set; }

    /// <summary>The video's length (<c>duration</c>, a JSON string): <c>"5"</c> or <c>"10"</c>; CometAPI asks for it with every scene.</summary>
    [JsonPropertyName("duration")]
    public KlingDuration? Duration { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); older official pages take it for two-person scenes.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>The model (<c>model_name</c>); older official pages list <c>kling-v1-6</c> for single-image scenes and <c>kling-v1</c>, <c>kling-v1-5</c>, <c>kling-v1-6</c> for two-person ones.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }
}
