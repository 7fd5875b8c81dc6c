using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.TextToAudio;

/// <summary>Text to audio (<c>audio/text-to-audio</c>): its rules and body writer (kling-catalogue §5.1).</summary>
internal sealed class TextToAudioDefinition : KlingTaskDefinition<TextToAudioRequest>
{
    private const long TicksPerTenth = TimeSpan.TicksPerMillisecond * 100;

    // A duration within this of a tenth of a second counts as one: TimeSpan.FromSeconds(7.3) may be a tick short of 7.3 s.
    private const long TenthToleranceTicks = 10;

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
            // Seconds as a JSON number (Kling's example sends 5, not "5"). A value that is a tenth up to a few ticks is
            // written as that tenth, so 7.3 s goes out as 7.3 and not 7.2999999.
            writer.WriteNumber("duration", Tenths(duration) is { } tenths ? tenths / 10.0 : duration.TotalSeconds);
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

    /// <summary>The duration in tenths of a second when it is a whole number of them (up to a few ticks), else null.</summary>
    internal static long? Tenths(TimeSpan duration)
    {
        var tenths = (duration.Ticks + (TicksPerTenth / 2)) / TicksPerTenth;
        return Math.Abs(duration.Ticks - (tenths * TicksPerTenth)) <= TenthToleranceTicks ? tenths : null;
    }

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

        CheckText(request.Prompt, "prompt", limits.TextToAudio.MaxPromptLength, "TextToAudio.MaxPromptLength", add);
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
    private static void CheckDuration(TimeSpan? duration, KlingValidationLimits limits, Action<string, string> add)
    {
        var (min, max) = (limits.TextToAudio.MinDuration, limits.TextToAudio.MaxDuration);
        if (duration is not { } length)
        {
            add("duration", Invariant($"duration is required: the sound's length, {min.TotalSeconds:0.0} to {max.TotalSeconds:0.0} seconds in tenths of a second (e.g. 5 or 7.5 s)."));
            return;
        }

        var seconds = length.TotalSeconds;
        if (length < min || length > max)
        {
            add("duration", Invariant(
                $"duration is {seconds} seconds; it must be from {min.TotalSeconds:0.0} to {max.TotalSeconds:0.0} ({LimitsName}.TextToAudio.MinDuration, TextToAudio.MaxDuration)."));
        }
        else if (Tenths(length) is null)
        {
            add("duration", Invariant($"duration is {seconds} seconds; Kling takes at most one decimal (e.g. {Math.Round(seconds, 1, MidpointRounding.AwayFromZero):0.0})."));
        }
    }
}
