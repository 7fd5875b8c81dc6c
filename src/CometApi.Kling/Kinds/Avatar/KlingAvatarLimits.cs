using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of the avatar (<see cref="AvatarRequest"/>), under <see cref="KlingValidationLimits.Avatar"/>
/// (kling-catalogue §3.4); its image, mode and audio file size follow the shared limits.
/// </summary>
public sealed class KlingAvatarLimits
{
    /// <summary>Whether an avatar request needs a <c>prompt</c>.</summary>
    /// <value>
    /// The default is <see langword="true"/>: CometAPI's newer documentation says its API rejects an avatar request
    /// without one; the official Kling API takes it as optional (<see langword="false"/> in
    /// <see cref="KlingValidationLimits.CreateOfficial"/>).
    /// </value>
    public bool RequirePrompt { get; set; } = true;

    /// <summary>The longest <c>prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 2500 (CometAPI and the official host agree).</value>
    public int MaxPromptLength { get; set; } = 2500;

    /// <summary>The shortest audio (<c>sound_file</c>); checked for local WAV files, whose header gives their length.</summary>
    /// <value>The default is 2 seconds (CometAPI and the official host agree).</value>
    public TimeSpan MinAudioLength { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest audio (<c>sound_file</c>); checked for local WAV files, whose header gives their length.</summary>
    /// <value>
    /// The default is 60 seconds (CometAPI); the official Kling API allows 300 (<see cref="KlingValidationLimits.CreateOfficial"/>).
    /// The sources disagree (kling-catalogue §3.4), and the shorter limit is kept on CometAPI because a longer audio may
    /// be accepted there and then fail in generation or be billed as a longer video: the check protects the money of
    /// CometAPI users.
    /// </value>
    public TimeSpan MaxAudioLength { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{{ RequirePrompt = {RequirePrompt}, MaxPromptLength = {MaxPromptLength}, AudioLength = [{MinAudioLength}, {MaxAudioLength}] }}");

    internal KlingAvatarLimits Clone() => (KlingAvatarLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxPromptLength >= 0, "MaxPromptLength must not be negative."),
        (MinAudioLength >= TimeSpan.Zero && MinAudioLength <= MaxAudioLength, "MinAudioLength and MaxAudioLength must satisfy 0 <= MinAudioLength <= MaxAudioLength."));
}
