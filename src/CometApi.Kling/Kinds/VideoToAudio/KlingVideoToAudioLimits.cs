using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits of video to audio (<see cref="VideoToAudioRequest"/>), under <see cref="KlingValidationLimits.VideoToAudio"/>
/// (kling-catalogue §5.2).
/// </summary>
public sealed class KlingVideoToAudioLimits
{
    /// <summary>The longest <c>sound_effect_prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 200, the official Kling API's limit (CometAPI's page does not list the field).</value>
    public int MaxSoundEffectPromptLength { get; set; } = 200;

    /// <summary>The longest <c>bgm_prompt</c> (<see cref="VideoToAudioRequest.BackgroundMusicPrompt"/>), in Unicode scalar values.</summary>
    /// <value>The default is 200, the official Kling API's limit (CometAPI's page does not list the field).</value>
    public int MaxBackgroundMusicPromptLength { get; set; } = 200;

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{{ MaxSoundEffectPromptLength = {MaxSoundEffectPromptLength}, MaxBackgroundMusicPromptLength = {MaxBackgroundMusicPromptLength} }}");

    internal KlingVideoToAudioLimits Clone() => (KlingVideoToAudioLimits)MemberwiseClone();

    /// <summary>Why these limits cannot be used, each message starting with the property's name.</summary>
    internal IEnumerable<string> Problems() => LimitSets.Problems(
        (MaxSoundEffectPromptLength >= 0, "MaxSoundEffectPromptLength must not be negative."),
        (MaxBackgroundMusicPromptLength >= 0, "MaxBackgroundMusicPromptLength must not be negative."));
}
