using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of text to audio (<see cref="TextToAudioRequest"/>), under <see cref="KlingValidationLimits.TextToAudio"/>
/// (kling-catalogue §5.1).
/// </summary>
public sealed class KlingTextToAudioLimits
{
    /// <summary>The longest <c>prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 200, as CometAPI and the official Kling API both document.</value>
    public int MaxPromptLength { get; set; } = 200;

    /// <summary>The shortest sound (<see cref="TextToAudioRequest.Duration"/>).</summary>
    /// <value>The default is 3 seconds, as CometAPI and the official Kling API both document.</value>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest sound (<see cref="TextToAudioRequest.Duration"/>).</summary>
    /// <value>The default is 10 seconds, as CometAPI and the official Kling API both document.</value>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant($"{{ MaxPromptLength = {MaxPromptLength}, Duration = [{MinDuration}, {MaxDuration}] }}");

    internal KlingTextToAudioLimits Clone() => (KlingTextToAudioLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxPromptLength >= 0, "MaxPromptLength must not be negative."),
        (MinDuration >= TimeSpan.Zero && MinDuration <= MaxDuration, "MinDuration and MaxDuration must satisfy 0 <= MinDuration <= MaxDuration."));
}
