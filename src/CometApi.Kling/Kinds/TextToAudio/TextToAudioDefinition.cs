using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.TextToAudioRequest>;

namespace CometApi.Kling.Kinds.TextToAudio;

/// <summary>Text to audio (<c>audio/text-to-audio</c>): its wire fields and rules (kling-catalogue §5.1).</summary>
internal sealed class TextToAudioDefinition() : KlingTaskDefinition<TextToAudioRequest>(
    KlingTaskKind.TextToAudio,
    "text-to-audio",
    [
        Text("prompt", static r => r.Prompt),

        // A JSON number (Kling's example sends 5, not "5"). A value that is a tenth up to floating-point noise is
        // written as that tenth, so 0.1 * 73 goes out as 7.3 and not 7.300000000000001.
        Number("duration", static r => r.Duration is { } duration && IsTenths(duration) ? Math.Round(duration, 1) : r.Duration),
        ExternalTaskId(static r => r.ExternalTaskId),
        CallbackUrl,
    ])
{
    // A duration within this of a tenth of a second counts as one: 7.3 arrives as 7.299999999999999 from arithmetic.
    private const double TenthTolerance = 1e-9;

    public static TextToAudioDefinition Instance { get; } = new();

    /// <summary>Whether a finite value has at most one decimal (up to floating-point noise).</summary>
    internal static bool IsTenths(double value) =>
        KlingValidationLimits.IsFinite(value) && Math.Abs((value * 10) - Math.Round(value * 10)) < TenthTolerance;

    protected override void Validate(TextToAudioRequest request, RequestRules rules)
    {
        var limits = rules.Limits;
        rules.CheckPrompt(request.Prompt, "text to audio generates the sound from it", limits.MaxTextToAudioPromptLength, nameof(KlingValidationLimits.MaxTextToAudioPromptLength));
        CheckDuration(request.Duration, rules);
    }

    /// <summary>Kling: duration is required, 3.0 to 10.0 seconds, "supports one decimal place".</summary>
    private static void CheckDuration(double? duration, RequestRules rules)
    {
        var (min, max) = (rules.Limits.MinTextToAudioDuration, rules.Limits.MaxTextToAudioDuration);
        if (duration is not { } seconds)
        {
            rules.Add("duration", Invariant($"duration is required: the sound's length in seconds, {min:0.0} to {max:0.0} with at most one decimal (e.g. 5 or 7.5)."));
            return;
        }

        if (!KlingValidationLimits.IsFinite(seconds) || seconds < min || seconds > max)
        {
            rules.Add("duration", Invariant(
                $"duration is {seconds} seconds; it must be from {min:0.0} to {max:0.0} ({LimitsName}.{nameof(KlingValidationLimits.MinTextToAudioDuration)}, {nameof(KlingValidationLimits.MaxTextToAudioDuration)})."));
        }
        else if (!IsTenths(seconds))
        {
            rules.Add("duration", Invariant($"duration is {seconds} seconds; Kling takes at most one decimal (e.g. {Math.Round(seconds, 1, MidpointRounding.AwayFromZero):0.0})."));
        }
    }
}
