using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of image to video alone (<see cref="ImageToVideoRequest"/>), under <see cref="KlingValidationLimits.ImageToVideo"/>;
/// it also follows the shared limits (prompt lengths, modes, durations, <c>cfg_scale</c>, camera control, local images).
/// </summary>
public sealed class KlingImageToVideoLimits
{
    /// <summary>Whether <c>image</c> is required; when <see langword="false"/>, <c>image</c> or <c>image_tail</c> is enough.</summary>
    /// <value>The default is <see langword="true"/> (CometAPI); the official Kling API needs only one of the two.</value>
    public bool RequireImage { get; set; } = true;

    /// <summary>The most <c>dynamic_masks</c> groups.</summary>
    /// <value>The default is 6.</value>
    public int MaxDynamicMasks { get; set; } = 6;

    /// <summary>The fewest points in one <c>dynamic_masks[].trajectories</c>.</summary>
    /// <value>The default is 2.</value>
    public int MinTrajectoryPoints { get; set; } = 2;

    /// <summary>The most points in one <c>dynamic_masks[].trajectories</c>.</summary>
    /// <value>The default is 77.</value>
    public int MaxTrajectoryPoints { get; set; } = 77;

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{{ RequireImage = {RequireImage}, MaxDynamicMasks = {MaxDynamicMasks}, TrajectoryPoints = [{MinTrajectoryPoints}, {MaxTrajectoryPoints}] }}");

    internal KlingImageToVideoLimits Clone() => (KlingImageToVideoLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxDynamicMasks >= 0, "MaxDynamicMasks must not be negative."),
        (MinTrajectoryPoints >= 0 && MinTrajectoryPoints <= MaxTrajectoryPoints, "MinTrajectoryPoints and MaxTrajectoryPoints must satisfy 0 <= MinTrajectoryPoints <= MaxTrajectoryPoints."));
}
