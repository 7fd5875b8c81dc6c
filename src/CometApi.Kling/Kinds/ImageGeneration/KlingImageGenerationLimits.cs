using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of image generation (<see cref="ImageGenerationRequest"/>), under
/// <see cref="KlingValidationLimits.ImageGeneration"/> (kling-catalogue §4.1); its prompts and reference image follow the
/// shared limits.
/// </summary>
public sealed class KlingImageGenerationLimits
{
    /// <summary>The most images one task may ask for (<see cref="ImageGenerationRequest.ImageCount"/>, <c>n</c>, at least 1).</summary>
    /// <value>The default is 9 (CometAPI and official Kling agree).</value>
    public int MaxImageCount { get; set; } = 9;

    /// <summary>The <c>aspect_ratio</c> values accepted (wire values) for the generated images.</summary>
    /// <value>The default is CometAPI's list: <c>16:9</c>, <c>9:16</c>, <c>1:1</c>, <c>4:3</c>, <c>3:4</c>, <c>3:2</c>, <c>2:3</c>; the official host adds <c>21:9</c>.</value>
    public ISet<string> AllowedAspectRatios { get; set; } = LimitSets.Of("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3");

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{{ MaxImageCount = {MaxImageCount}, AllowedAspectRatios = [{LimitSets.Join(AllowedAspectRatios)}] }}");

    internal KlingImageGenerationLimits Clone() => new()
    {
        MaxImageCount = MaxImageCount,
        AllowedAspectRatios = LimitSets.Copy(AllowedAspectRatios),
    };

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxImageCount >= 1, "MaxImageCount must be at least 1."),
        (AllowedAspectRatios is not null, "AllowedAspectRatios is null; list the accepted image aspect ratios."));
}
