using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>The video fields: duration, cfg_scale, motion-brush masks, camera control, voices, elements and shots.</summary>
internal static partial class FieldChecks
{
    private const int MaxDynamicMasks = 6;
    private const int MinTrajectoryPoints = 2;
    private const int MaxTrajectoryPoints = 77;
    private const double MaxCameraValue = 10;
    private const int MaxShots = 6;
    private const int MaxShotPromptLength = 512;
    private const int MaxElements = 3;
    private const int MaxVoices = 2;

    private static readonly string[] CameraTypes = ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"];
    private static readonly string[] CameraAxes = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"];
    private static readonly string[] ShotTypes = ["customize", "intelligence"];

    public static string? CheckDuration(JsonElement body, EmulatorSettings settings, out string duration) =>
        CheckDuration(body, "duration", settings.Durations.ToArray(), string.Join(", ", settings.Durations.Select(d => $"\"{d}\"")), out duration);

    /// <summary>
    /// A video length: a JSON string (the classic wire mistake is 5 for "5") among <paramref name="allowed"/>, which the
    /// messages name as <paramref name="allowedText"/>; the default when it is not sent.
    /// </summary>
    public static string? CheckDuration(JsonElement body, string field, IReadOnlyCollection<string> allowed, string allowedText, out string duration)
    {
        duration = DefaultDuration;
        if (Get(body, "duration") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string ({allowedText}), got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}";
        }

        duration = value.GetString()!;
        return allowed.Contains(duration) ? null : $"invalid {field}: '{duration}' is not one of {allowedText}";
    }

    public static string? CheckDynamicMasks(JsonElement body, EmulatorSettings settings)
    {
        if (Get(body, "dynamic_masks") is not { } masks)
        {
            return null;
        }

        if (masks.ValueKind == JsonValueKind.Array && masks.GetArrayLength() > MaxDynamicMasks)
        {
            return $"invalid dynamic_masks: {masks.GetArrayLength()} groups, at most {MaxDynamicMasks}";
        }

        return CheckObjects(masks, "dynamic_masks", "an array", "an object with mask and trajectories", (mask, field) =>
            CheckRequiredImage(mask, "mask", field, settings, isFrame: false) ?? CheckTrajectories(mask, field));
    }

    private static string? CheckTrajectories(JsonElement mask, string field)
    {
        if (Get(mask, "trajectories") is not { ValueKind: JsonValueKind.Array } trajectories)
        {
            return $"invalid {field}.trajectories: required, an array of {{\"x\":int,\"y\":int}}";
        }

        var points = trajectories.GetArrayLength();
        if (points is < MinTrajectoryPoints or > MaxTrajectoryPoints)
        {
            return $"invalid {field}.trajectories: {points} points, must be {MinTrajectoryPoints} to {MaxTrajectoryPoints}";
        }

        foreach (var point in trajectories.EnumerateArray())
        {
            if (point.ValueKind != JsonValueKind.Object
                || !IsInteger(Get(point, "x")) || !IsInteger(Get(point, "y")))
            {
                return $"invalid {field}.trajectories: every point must be an object {{\"x\":int,\"y\":int}}, got {point.GetRawText()}";
            }
        }

        return null;
    }

    private static bool IsInteger(JsonElement? value) => value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out _);

    public static string? CheckCameraControl(JsonElement body)
    {
        if (Get(body, "camera_control") is not { } camera)
        {
            return null;
        }

        if (camera.ValueKind != JsonValueKind.Object)
        {
            return "invalid camera_control: must be an object";
        }

        if (Get(camera, "type") is not { ValueKind: JsonValueKind.String } typeValue)
        {
            return "invalid camera_control.type: required, one of " + string.Join(", ", CameraTypes);
        }

        var type = typeValue.GetString()!;
        if (!CameraTypes.Contains(type))
        {
            return $"invalid camera_control.type: '{type}' is not one of {string.Join(", ", CameraTypes)}";
        }

        var config = Get(camera, "config");
        if (config is { } configObject && configObject.ValueKind != JsonValueKind.Object)
        {
            return "invalid camera_control.config: must be an object";
        }

        var nonZero = 0;
        if (config is { } axes)
        {
            foreach (var axis in CameraAxes)
            {
                if (Get(axes, axis) is not { } value)
                {
                    continue;
                }

                if (value.ValueKind != JsonValueKind.Number)
                {
                    return $"invalid camera_control.config.{axis}: must be a number";
                }

                var number = value.GetDouble();
                if (number is < -MaxCameraValue or > MaxCameraValue)
                {
                    return FormattableString.Invariant($"invalid camera_control.config.{axis}: {number} is outside [-10, 10]");
                }

                if (number != 0)
                {
                    nonZero++;
                }
            }
        }

        if (type == "simple")
        {
            if (config is null)
            {
                return "invalid camera_control.config: required when type is simple";
            }

            return nonZero == 1 ? null : $"invalid camera_control.config: exactly one of {string.Join(", ", CameraAxes)} must be non-zero, got {nonZero}";
        }

        return nonZero == 0 ? null : $"invalid camera_control.config: must be empty when type is {type}";
    }

    public static string? CheckVoicesAndElements(JsonElement body, string? prompt, string? sound)
    {
        var voices = Get(body, "voice_list");
        var elements = 0;
        var problem = CheckVoiceList(voices) ?? CheckElementList(body, out elements);
        if (problem is not null)
        {
            return problem;
        }

        if (elements > MaxElements)
        {
            return $"invalid element_list: {elements} elements, at most {MaxElements}";
        }

        if (voices is not null && Get(body, "element_list") is not null)
        {
            return "invalid parameters: element_list and voice_list are mutually exclusive";
        }

        if (prompt is not null && prompt.Contains("<<<voice_", StringComparison.Ordinal) && sound != "on")
        {
            return "invalid sound: must be on when the prompt refers to a voice";
        }

        var voiceCount = voices?.GetArrayLength() ?? 0;
        return prompt is not null && FirstVoiceBeyond(prompt, voiceCount) is { } reference
            ? $"invalid prompt: {reference} refers to no voice, voice_list has {voiceCount}"
            : null;
    }

    private static string? CheckVoiceList(JsonElement? voices)
    {
        if (voices is not { } voiceList)
        {
            return null;
        }

        if (voiceList.ValueKind != JsonValueKind.Array)
        {
            return "invalid voice_list: must be an array";
        }

        if (voiceList.GetArrayLength() > MaxVoices)
        {
            return $"invalid voice_list: {voiceList.GetArrayLength()} voices, at most {MaxVoices}";
        }

        foreach (var voice in voiceList.EnumerateArray())
        {
            if (voice.ValueKind != JsonValueKind.Object || Get(voice, "voice_id") is not { ValueKind: JsonValueKind.String })
            {
                return "invalid voice_list: every item must be {\"voice_id\": string}";
            }
        }

        return null;
    }

    /// <summary>The first <c>&lt;&lt;&lt;voice_N&gt;&gt;&gt;</c> whose N is not a position in voice_list (1 to <paramref name="voiceCount"/>), or null.</summary>
    private static string? FirstVoiceBeyond(string prompt, int voiceCount)
    {
        const string Start = "<<<voice_";
        for (var start = prompt.IndexOf(Start, StringComparison.Ordinal); start >= 0; start = prompt.IndexOf(Start, start + 1, StringComparison.Ordinal))
        {
            var end = start + Start.Length;
            while (end < prompt.Length && char.IsAsciiDigit(prompt[end]))
            {
                end++;
            }

            var digits = prompt.AsSpan(start + Start.Length, end - start - Start.Length);
            if (digits.Length > 0 && prompt.AsSpan(end).StartsWith(">>>", StringComparison.Ordinal)
                && (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > voiceCount))
            {
                return prompt.Substring(start, end + 3 - start);
            }
        }

        return null;
    }

    public static string? CheckMultiShot(JsonElement body, string? prompt, string duration, bool hasImageTail)
    {
        if (Get(body, "multi_shot") is not { } value)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return "invalid multi_shot: must be a boolean";
        }

        // With multi_shot false, shot_type and multi_prompt are ignored, as documented.
        if (value.ValueKind == JsonValueKind.False)
        {
            return null;
        }

        if (hasImageTail)
        {
            return "invalid parameters: multi_shot does not support first/end-frame generation (image_tail)";
        }

        if (Get(body, "shot_type") is not { ValueKind: JsonValueKind.String } shotTypeValue || !ShotTypes.Contains(shotTypeValue.GetString()))
        {
            return "invalid shot_type: required when multi_shot is true, customize or intelligence";
        }

        if (shotTypeValue.GetString() == "intelligence")
        {
            return string.IsNullOrWhiteSpace(prompt) ? "invalid prompt: required when shot_type is intelligence" : null;
        }

        if (Get(body, "multi_prompt") is not { ValueKind: JsonValueKind.Array } shots)
        {
            return "invalid multi_prompt: required when shot_type is customize";
        }

        var count = shots.GetArrayLength();
        if (count is < 1 or > MaxShots)
        {
            return $"invalid multi_prompt: {count} shots, must be 1 to {MaxShots}";
        }

        var total = 0;
        var index = 0;
        foreach (var shot in shots.EnumerateArray())
        {
            var field = $"multi_prompt[{index++}]";
            if (shot.ValueKind != JsonValueKind.Object || !IsInteger(Get(shot, "index")))
            {
                return $"invalid {field}: must be {{\"index\": int, \"prompt\": string, \"duration\": string}}";
            }

            if (Get(shot, "prompt") is not { ValueKind: JsonValueKind.String } shotPrompt || string.IsNullOrWhiteSpace(shotPrompt.GetString()))
            {
                return $"invalid {field}.prompt: required";
            }

            var length = shotPrompt.GetString()!.EnumerateRunes().Count();
            if (length > MaxShotPromptLength)
            {
                return $"invalid {field}.prompt: {length} characters, the limit is {MaxShotPromptLength}";
            }

            if (Get(shot, "duration") is not { ValueKind: JsonValueKind.String } shotDuration
                || !int.TryParse(shotDuration.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                return $"invalid {field}.duration: must be a string holding a whole number of seconds, at least \"1\"";
            }

            total += seconds;
        }

        return total.ToString(CultureInfo.InvariantCulture) == duration
            ? null
            : $"invalid multi_prompt: the shots last {total} s in total, but duration is \"{duration}\"";
    }
}
