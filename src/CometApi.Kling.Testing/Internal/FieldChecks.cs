using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The field rules the kinds' create checkers are built from, read straight from the JSON (never through the SDK's
/// models, so a client's wire mistake is caught here). Rules and limits from docs/kling-api.md sections 1.2 to 1.4 and
/// 5.1, which docs/kling-catalogue.md section 3.1 applies to text2video too. Each returns the field's problem worded as
/// the service words a code-1201 message, or null.
/// </summary>
internal static class FieldChecks
{
    /// <summary>What Kling assumes when <c>duration</c> is not sent.</summary>
    public const string DefaultDuration = "5";

    private const int MaxImageBytes = 10 * 1024 * 1024;
    private const int MinImageSide = 300;
    private const double MaxAspectRatio = 2.5;
    private const int MaxDynamicMasks = 6;
    private const int MinTrajectoryPoints = 2;
    private const int MaxTrajectoryPoints = 77;
    private const double MaxCameraValue = 10;
    private const int MaxShots = 6;
    private const int MaxShotPromptLength = 512;
    private const int MaxElements = 3;
    private const int MaxVoices = 2;

    public static readonly string[] Modes = ["std", "pro"];

    /// <summary>Native 4K, which Kling makes with one model per route (changelog 2026-04-23).</summary>
    public const string FourK = "4k";
    public static readonly string[] Sounds = ["on", "off"];

    private static readonly string[] CameraTypes = ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"];
    private static readonly string[] CameraAxes = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"];
    private static readonly string[] ShotTypes = ["customize", "intelligence"];

    /// <summary>The property, or null when it is missing or JSON null (gateways write unset fields as null).</summary>
    public static JsonElement? Get(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? CheckImage(string field, JsonElement? value, EmulatorSettings settings, bool isFrame, bool checkAspectRatio)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string, a public URL or raw base64";
        }

        var text = element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"invalid {field}: empty";
        }

        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return $"invalid {field}: send the raw base64 string without a prefix such as data:image/png;base64,";
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // The service would download it; the emulator only checks that it could.
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Host.Length > 0 ? null : $"invalid {field}: not a valid URL";
        }

        var bytes = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return $"invalid {field}: neither an http(s) URL nor valid base64";
        }

        if (!settings.ValidateImageContent)
        {
            return null;
        }

        if (length > MaxImageBytes)
        {
            return $"invalid {field}: the image is {length} bytes, more than 10 MB";
        }

        if (ImageHeader.Read(bytes.AsSpan(0, length)) is not { } header)
        {
            return $"invalid {field}: only JPG, JPEG and PNG images are supported";
        }

        if (!isFrame)
        {
            return null;
        }

        if (header.Width == 0 || header.Height == 0)
        {
            return $"invalid {field}: the {header.Format} image is damaged (its size cannot be read)";
        }

        if (header.Width < MinImageSide || header.Height < MinImageSide)
        {
            return FormattableString.Invariant($"invalid {field}: the image is {header.Width}x{header.Height} px, each side must be at least {MinImageSide} px");
        }

        var ratio = (double)header.Width / header.Height;
        if (checkAspectRatio && (ratio > MaxAspectRatio || ratio < 1 / MaxAspectRatio))
        {
            return FormattableString.Invariant($"invalid {field}: the aspect ratio {header.Width}:{header.Height} is outside 1:2.5 to 2.5:1");
        }

        return null;
    }

    public static string? CheckText(JsonElement body, string field, int maxLength, out string? text)
    {
        text = null;
        if (Get(body, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string";
        }

        text = value.GetString()!;

        // Counted in Unicode characters (code points), not UTF-16 units: an emoji is one character.
        var length = text.EnumerateRunes().Count();
        return length > maxLength ? $"invalid {field}: {length} characters, the limit is {maxLength}" : null;
    }

    public static string? CheckChoice(JsonElement body, string field, Func<string, bool> isAllowed, string rule, out string? choice)
    {
        choice = null;
        if (Get(body, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string";
        }

        choice = value.GetString()!;
        return isAllowed(choice) ? null : $"invalid {field}: '{choice}' {rule}";
    }

    /// <summary>
    /// mode: std or pro, or 4k with <paramref name="fourKModel"/>, the model that makes native 4K on this route (Kling's
    /// changelog 2026-04-23: kling-v3 on text2video and image2video, kling-v3-omni on omni-video), read from the body's
    /// own model_name.
    /// </summary>
    public static string? CheckMode(JsonElement body, string fourKModel)
    {
        var problem = CheckChoice(body, "mode", mode => Modes.Contains(mode) || mode == FourK, "must be std, pro or 4k", out var mode);
        if (problem is not null || mode != FourK)
        {
            return problem;
        }

        var model = Get(body, "model_name") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        return model == fourKModel ? null : $"invalid mode: '4k' needs model_name {fourKModel} (got {model ?? "none"})";
    }

    public static string? CheckDuration(JsonElement body, EmulatorSettings settings, out string duration)
    {
        duration = DefaultDuration;
        if (Get(body, "duration") is not { } value)
        {
            return null;
        }

        var allowed = string.Join(", ", settings.Durations.Select(d => $"\"{d}\""));
        if (value.ValueKind != JsonValueKind.String)
        {
            // The classic wire mistake: Kling wants "5", not 5.
            return $"invalid duration: must be a string ({allowed}), got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}";
        }

        duration = value.GetString()!;
        return settings.Durations.Contains(duration) ? null : $"invalid duration: '{duration}' is not one of {allowed}";
    }

    public static string? CheckCfgScale(JsonElement body)
    {
        if (Get(body, "cfg_scale") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return "invalid cfg_scale: must be a number between 0 and 1";
        }

        var number = value.GetDouble();
        return number is >= 0 and <= 1 ? null : FormattableString.Invariant($"invalid cfg_scale: {number} is outside [0, 1]");
    }

    public static string? CheckDynamicMasks(JsonElement body, EmulatorSettings settings)
    {
        if (Get(body, "dynamic_masks") is not { } masks)
        {
            return null;
        }

        if (masks.ValueKind != JsonValueKind.Array)
        {
            return "invalid dynamic_masks: must be an array";
        }

        var count = masks.GetArrayLength();
        if (count > MaxDynamicMasks)
        {
            return $"invalid dynamic_masks: {count} groups, at most {MaxDynamicMasks}";
        }

        var index = 0;
        foreach (var mask in masks.EnumerateArray())
        {
            var field = $"dynamic_masks[{index++}]";
            if (mask.ValueKind != JsonValueKind.Object)
            {
                return $"invalid {field}: must be an object with mask and trajectories";
            }

            if (Get(mask, "mask") is not { } image)
            {
                return $"invalid {field}.mask: required";
            }

            if (CheckImage(field + ".mask", image, settings, isFrame: false, checkAspectRatio: false) is { } problem)
            {
                return problem;
            }

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

    public static string? CheckCallbackUrl(JsonElement body, out Uri? callbackUrl)
    {
        callbackUrl = null;
        if (Get(body, "callback_url") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return "invalid callback_url: must be a string";
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            return $"invalid callback_url: '{text}' is not an absolute http(s) URL";
        }

        callbackUrl = url;
        return null;
    }

    public static string? CheckExternalTaskId(JsonElement body, out string? externalTaskId)
    {
        externalTaskId = null;
        if (Get(body, "external_task_id") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return "invalid external_task_id: must be a string";
        }

        // An empty id is how gateways write "none"; it is not a key that must be unique.
        var text = value.GetString()!;
        externalTaskId = text.Length == 0 ? null : text;
        return null;
    }

    public static string? CheckWatermark(JsonElement body, out bool? watermark)
    {
        watermark = null;
        if (Get(body, "watermark_info") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return "invalid watermark_info: must be an object {\"enabled\": boolean}";
        }

        switch (Get(value, "enabled")?.ValueKind)
        {
            case JsonValueKind.True:
                watermark = true;
                return null;
            case JsonValueKind.False:
            case null:
                watermark = false;
                return null;
            default:
                return "invalid watermark_info.enabled: must be a boolean";
        }
    }

    public static string? CheckVoicesAndElements(JsonElement body, string? prompt, string? sound)
    {
        var voices = Get(body, "voice_list");
        var elements = Get(body, "element_list");
        if (voices is { } voiceList)
        {
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
        }

        if (elements is { } elementList)
        {
            if (elementList.ValueKind != JsonValueKind.Array)
            {
                return "invalid element_list: must be an array";
            }

            if (elementList.GetArrayLength() > MaxElements)
            {
                return $"invalid element_list: {elementList.GetArrayLength()} elements, at most {MaxElements}";
            }

            foreach (var element in elementList.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object || Get(element, "element_id") is not { ValueKind: JsonValueKind.Number } id || !id.TryGetInt64(out _))
                {
                    return "invalid element_list: every item must be {\"element_id\": integer}";
                }
            }
        }

        if (voices is not null && elements is not null)
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
