using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of lip-sync (<see cref="LipSyncRequest"/>), under <see cref="KlingValidationLimits.LipSync"/>
/// (kling-catalogue §3.7); its audio file size follows the shared limits. Kling's own rules of the audio (2 to 60 s, a
/// clip of at least 2 s) are the same on every host and are checked under any limits.
/// </summary>
public sealed class KlingLipSyncLimits
{
    /// <summary>The most faces one task may choose (<see cref="LipSyncRequest.Faces"/>, <c>face_choose</c>).</summary>
    /// <value>
    /// The default is 1: Kling's page says it "currently" syncs only one person per task, while CometAPI's page asks only
    /// for at least one. A second face would at best be ignored in a billed task, so the stricter reading is kept; raise
    /// it when Kling does.
    /// </value>
    public int MaxFaces { get; set; } = 1;

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant($"{{ MaxFaces = {MaxFaces} }}");

    internal KlingLipSyncLimits Clone() => (KlingLipSyncLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxFaces >= 1, "MaxFaces must be at least 1."));
}
