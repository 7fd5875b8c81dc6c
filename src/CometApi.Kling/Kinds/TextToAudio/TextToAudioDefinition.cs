using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.TextToAudioRequest>;

namespace CometApi.Kling.Kinds.TextToAudio;

/// <summary>Text to audio (<c>audio/text-to-audio</c>): its wire fields and rules (kling-catalogue §5.1).</summary>
internal sealed class TextToAudioDefinition() : KlingTaskDefinition<TextToAudioRequest>(
    KlingTaskKind.TextToAudio,
    "text-to-audio",
    [
        Text("prompt", static r => r.Prompt),
        Seconds("duration", static r => r.Duration),
        ExternalTaskId(static r => r.ExternalTaskId),
        CallbackUrl,
    ])
{
    public static TextToAudioDefinition Instance { get; } = new();

    protected override void Validate(TextToAudioRequest request, RequestRules rules)
    {
        var limits = rules.Limits.TextToAudio;
        rules.CheckPrompt(request.Prompt, "text to audio generates the sound from it", limits.MaxPromptLength, "TextToAudio.MaxPromptLength");
        CheckDuration(request.Duration, limits, rules);
    }

    /// <summary>Kling: duration is required, 3.0 to 10.0 seconds, "supports one decimal place".</summary>
    private static void CheckDuration(TimeSpan? duration, KlingTextToAudioLimits limits, RequestRules rules)
    {
        var (min, max) = (limits.MinDuration, limits.MaxDuration);
        if (duration is not { } length)
        {
            rules.Add("duration", Invariant($"duration is required: the sound's length, {min.TotalSeconds:0.0} to {max.TotalSeconds:0.0} seconds in tenths of a second (e.g. 5 or 7.5 s)."));
            return;
        }

        var seconds = length.TotalSeconds;
        if (length < min || length > max)
        {
            rules.Add("duration", Invariant(
                $"duration is {seconds} seconds; it must be from {min.TotalSeconds:0.0} to {max.TotalSeconds:0.0} ({LimitsName}.TextToAudio.MinDuration, TextToAudio.MaxDuration)."));
        }
        else if (WireValues.Tenths(length) is null)
        {
            rules.Add("duration", Invariant($"duration is {seconds} seconds; Kling takes at most one decimal (e.g. {Math.Round(seconds, 1, MidpointRounding.AwayFromZero):0.0})."));
        }
    }
}
