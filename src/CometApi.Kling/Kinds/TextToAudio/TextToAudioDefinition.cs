using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.TextToAudio;

/// <summary>Text to audio (<c>audio/text-to-audio</c>): its rules and body writer (kling-catalogue §5.1).</summary>
internal sealed class TextToAudioDefinition : KlingTaskDefinition<TextToAudioRequest>
{
    // A duration within this of a tenth of a second counts as one: 7.3 arrives as 7.299999999999999 from arithmetic.
    private const double TenthTolerance = 1e-9;

    private TextToAudioDefinition()
        : base(KlingTaskKind.TextToAudio, "text-to-audio")
    {
    }

    public static TextToAudioDefinition Instance { get; } = new();

    /// <summary>Writes the whole body; it holds no local media, so nothing is yielded.</summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, TextToAudioRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "prompt", request.Prompt);
        if (request.Duration is { } duration)
        {
            // A JSON number (Kling's example sends 5, not "5"). A value that is a tenth up to floating-point noise is
            // written as that tenth, so 0.1 * 73 goes out as 7.3 and not 7.300000000000001.
            writer.WriteNumber("duration", IsTenths(duration) ? Math.Round(duration, 1) : duration);
        }

        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
        return [];
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(TextToAudioRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("prompt", request.Prompt is not null),
            ("duration", request.Duration is not null),
            ("external_task_id", request.ExternalTaskId is not null),
            ("callback_url", request.CallbackUrl is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    /// <summary>Whether a finite value has at most one decimal (up to floating-point noise).</summary>
    internal static bool IsTenths(double value) =>
        KlingValidationLimits.IsFinite(value) && Math.Abs((value * 10) - Math.Round(value * 10)) < TenthTolerance;

    protected override string? ExternalTaskIdOf(TextToAudioRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TextToAudioRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IReadOnlyList<KlingValidationError> Validate(TextToAudioRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            add("prompt", request.Prompt is null ? "prompt is required: text to audio generates the sound from it." : "prompt is empty or blank; text to audio generates the sound from it.");
        }

        CheckText(request.Prompt, "prompt", limits.MaxTextToAudioPromptLength, nameof(KlingValidationLimits.MaxTextToAudioPromptLength), add);
        CheckDuration(request.Duration, limits, add);
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(TextToAudioRequest), add);
        return errors;
    }

    /// <summary>Kling: duration is required, 3.0 to 10.0 seconds, "supports one decimal place".</summary>
    private static void CheckDuration(double? duration, KlingValidationLimits limits, Action<string, string> add)
    {
        var (min, max) = (limits.MinTextToAudioDuration, limits.MaxTextToAudioDuration);
        if (duration is not { } seconds)
        {
            add("duration", Invariant($"duration is required: the sound's length in seconds, {min:0.0} to {max:0.0} with at most one decimal (e.g. 5 or 7.5)."));
            return;
        }

        if (!KlingValidationLimits.IsFinite(seconds) || seconds < min || seconds > max)
        {
            add("duration", Invariant(
                $"duration is {seconds} seconds; it must be from {min:0.0} to {max:0.0} ({LimitsName}.{nameof(KlingValidationLimits.MinTextToAudioDuration)}, {nameof(KlingValidationLimits.MaxTextToAudioDuration)})."));
        }
        else if (!IsTenths(seconds))
        {
            add("duration", Invariant($"duration is {seconds} seconds; Kling takes at most one decimal (e.g. {Math.Round(seconds, 1, MidpointRounding.AwayFromZero):0.0})."));
        }
    }
}
