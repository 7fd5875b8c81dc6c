using System.Globalization;
using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/audio/text-to-audio</c> (docs/kling-catalogue.md section 5.1): a prompt of
/// at most 200 characters and a duration of 3.0 to 10.0 seconds with one decimal at most, sent as a JSON number.
/// </summary>
internal static class TextToAudioChecker
{
    private const int MaxPromptLength = 200;
    private const double MinDuration = 3;
    private const double MaxDuration = 10;

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        string? prompt = null;
        var duration = string.Empty;
        var problem = CheckRequiredText(body, "prompt", MaxPromptLength, "prompt is required: text-to-audio makes the sound from the prompt", out prompt)
            ?? CheckAudioDuration(body, out duration);
        return problem ?? Accept(body, duration, prompt, out fields, takesWatermark: false);
    }

    /// <summary>A JSON number (unlike the video routes' "5"), 3.0 to 10.0, at most one decimal.</summary>
    private static string? CheckAudioDuration(JsonElement body, out string duration)
    {
        duration = string.Empty;
        if (Get(body, "duration") is not { } value)
        {
            return "duration is required: the sound's length in seconds, 3.0 to 10.0";
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"invalid duration: must be a number of seconds (e.g. 5 or 7.5), got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}";
        }

        // Read as decimal, as the text was written: "7.3" is exactly one decimal, which a double cannot say.
        if (!value.TryGetDecimal(out var seconds) || seconds < (decimal)MinDuration || seconds > (decimal)MaxDuration)
        {
            return $"invalid duration: {value.GetRawText()} is outside 3.0 to 10.0";
        }

        if (decimal.Round(seconds, 1) != seconds)
        {
            return $"invalid duration: {value.GetRawText()} has more than one decimal";
        }

        duration = seconds.ToString(CultureInfo.InvariantCulture);
        return null;
    }
}
