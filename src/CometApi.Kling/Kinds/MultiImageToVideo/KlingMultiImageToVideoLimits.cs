using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of multi-image to video alone (<see cref="MultiImageToVideoRequest"/>), under
/// <see cref="KlingValidationLimits.MultiImageToVideo"/>; it also follows the shared limits.
/// </summary>
public sealed class KlingMultiImageToVideoLimits
{
    /// <summary>The fewest images in <c>image_list</c>.</summary>
    /// <value>
    /// The default is 2 (CometAPI documents 2 to 4 images); the official Kling API accepts 1
    /// (<see cref="KlingValidationLimits.CreateOfficial"/>). CometAPI's minimum is kept by default because it is the
    /// documented contract of the host these defaults describe, and one image is what image to video is for; set 1 if
    /// your host takes a single image (kling-catalogue §3.2).
    /// </value>
    public int MinImageCount { get; set; } = 2;

    /// <summary>The most images in <c>image_list</c>.</summary>
    /// <value>The default is 4 (CometAPI and the official Kling API agree; kling-catalogue §3.2).</value>
    public int MaxImageCount { get; set; } = 4;

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant($"{{ ImageCount = [{MinImageCount}, {MaxImageCount}] }}");

    internal KlingMultiImageToVideoLimits Clone() => (KlingMultiImageToVideoLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MinImageCount >= 1 && MinImageCount <= MaxImageCount, "MinImageCount and MaxImageCount must satisfy 1 <= MinImageCount <= MaxImageCount."));
}
