using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>One image of a multi-image-to-video request (<c>image_list[]</c>, written as <c>{"image": ...}</c>).</summary>
public sealed record KlingImageListItem
{
    /// <summary>
    /// The image (<c>image</c>): a URL, or local data sent as raw base64; JPEG or PNG, at most 10 MB, at least 300 px,
    /// aspect ratio 1:2.5 to 2.5:1. Required: an item without one is reported by the validator and not sent.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image")]
    public KlingImage? Image { get; set; }
}
