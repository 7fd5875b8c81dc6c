using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// An image of an omni-video request (<c>image_list[]</c>): a reference the prompt can name as
/// <c>&lt;&lt;&lt;image_1&gt;&gt;&gt;</c> (in list order), or the first or end frame.
/// </summary>
public sealed record KlingOmniImage
{
    /// <summary>
    /// The image (<c>image_url</c>): a public URL, or local data sent as raw base64. Local images follow the common
    /// image rule (JPEG or PNG, <see cref="KlingValidationLimits.MaxImageBytes"/>, sides of at least
    /// <see cref="KlingValidationLimits.MinImageDimension"/> px, aspect ratio within <see cref="KlingValidationLimits.MaxImageAspectRatio"/>).
    /// Required: an item without one is reported by the validator and not sent.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image_url")]
    public KlingImage? Image { get; set; }

    /// <summary>
    /// What the image is for (<c>type</c>): <see cref="KlingOmniImageType.FirstFrame"/> or
    /// <see cref="KlingOmniImageType.EndFrame"/>; <see langword="null"/> (omitted) for a plain reference image.
    /// </summary>
    [JsonPropertyName("type")]
    public KlingOmniImageType? Type { get; set; }
}
