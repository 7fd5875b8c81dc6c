using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of omni video (<see cref="OmniVideoRequest"/>), under <see cref="KlingValidationLimits.OmniVideo"/>: its
/// own prompt length, durations and aspect ratios in place of the shared ones (kling-catalogue §3.9). Its modes and local
/// images follow the shared limits.
/// </summary>
public sealed class KlingOmniVideoLimits
{
    /// <summary>The longest <c>prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 2500 (CometAPI and official Kling both document it).</value>
    public int MaxPromptLength { get; set; } = 2500;

    /// <summary>The <c>duration</c> values accepted (wire values).</summary>
    /// <value>
    /// The default is <c>"3"</c> to <c>"10"</c> (CometAPI, Kling O1); the official host's kling-v3-omni accepts <c>"3"</c>
    /// to <c>"15"</c>. Text only or a first frame alone make only <c>"5"</c> or <c>"10"</c> with Kling O1, checked apart.
    /// </value>
    public ISet<string> AllowedDurations { get; set; } = LimitSets.Of("3", "4", "5", "6", "7", "8", "9", "10");

    /// <summary>The <c>aspect_ratio</c> values accepted (wire values).</summary>
    /// <value>The default is <c>16:9</c>, <c>9:16</c> and <c>1:1</c>, the values CometAPI and official Kling document.</value>
    public ISet<string> AllowedAspectRatios { get; set; } = LimitSets.Of("16:9", "9:16", "1:1");

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{{ MaxPromptLength = {MaxPromptLength}, AllowedDurations = [{LimitSets.Join(AllowedDurations)}], AllowedAspectRatios = [{LimitSets.Join(AllowedAspectRatios)}] }}");

    internal KlingOmniVideoLimits Clone() => new()
    {
        MaxPromptLength = MaxPromptLength,
        AllowedDurations = LimitSets.Copy(AllowedDurations),
        AllowedAspectRatios = LimitSets.Copy(AllowedAspectRatios),
    };

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxPromptLength >= 0, "MaxPromptLength must not be negative."),
        (AllowedDurations is not null, "AllowedDurations is null; list the accepted omni-video durations."),
        (AllowedAspectRatios is not null, "AllowedAspectRatios is null; list the accepted omni-video aspect ratios."));
}
