using System.Globalization;
using CometApi.Kling.Images;

namespace CometApi.Kling.Validation;

/// <summary>
/// The checks every kind is made of (texts, allowed values, camera control, voices, multi-shot, ids, images), under one
/// set of limits. A kind's rules call these in its own field order; they only report, through <c>add(path, message)</c>.
/// </summary>
internal sealed class RequestRules
{
    internal const string LimitsName = nameof(KlingValidationLimits);

    // Fixed by Kling for its own fields (not a host's limit, so not in KlingValidationLimits).
    internal const int MaxVoices = 2;
    internal const int MaxElements = 3;
    internal const int MaxShots = 6;
    internal const int MaxShotPromptLength = 512;
    internal const string VoiceReferenceStart = "<<<voice_";
    internal const string VoiceReferenceEnd = ">>>";
    internal const string KlingV2 = "kling-v2";
    internal const string FourK = "4k";

    // The four documented presets that take no config; types added through the limits are not assumed either way.
    private static readonly HashSet<string> PresetsWithoutConfig = new(StringComparer.Ordinal) { "down_back", "forward_up", "right_turn_forward", "left_turn_forward" };

    private readonly KlingValidationLimits _limits;

    /// <param name="limits">Limits already checked and copied by <see cref="KlingRequestValidator"/> or the client.</param>
    public RequestRules(KlingValidationLimits limits) => _limits = limits;

    /// <summary>The limits the checks use.</summary>
    public KlingValidationLimits Limits => _limits;

    internal static string Exclusive(string field, string other) =>
        $"{field} cannot be combined with {other}: Kling accepts only one of image_tail, static_mask/dynamic_masks and camera_control per request.";

    internal static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>
    /// Whether the model is a Kling 2.x one: <c>kling-v2</c>, then the end or a '-' (kling-v2-master, kling-v2-1,
    /// kling-v2-5-turbo, kling-v2-6 and later 2.x names), but not kling-v20 or kling-v3. Compared as the wire sends it,
    /// like every other value: Kling's model names are lower case, and the validator does not guess at other spellings.
    /// </summary>
    internal static bool IsKlingV2(string model) =>
        model.StartsWith(KlingV2, StringComparison.Ordinal) && (model.Length == KlingV2.Length || model[KlingV2.Length] == '-');

    internal static string Size(ImageHeader header) => Invariant($"{header.Width}×{header.Height} px");

    internal static void CheckText(string? text, string path, int maxLength, string limitName, Action<string, string> add)
    {
        if (text is null)
        {
            return;
        }

        var length = UnicodeText.CountScalars(text, out var unpaired);
        if (length > maxLength)
        {
            add(path, Invariant($"{path} has {length} characters (Unicode scalar values); the limit is {maxLength} ({LimitsName}.{limitName})."));
        }

        if (unpaired >= 0)
        {
            add(path, Invariant($"{path} has half of a surrogate pair at index {unpaired} (invalid UTF-16, e.g. text cut in the middle of an emoji)."));
        }
    }

    /// <summary>
    /// Reports each <c>&lt;&lt;&lt;voice_N&gt;&gt;&gt;</c> in the prompt whose N is not a position in <c>voice_list</c>
    /// (1 to the voice count); returns whether the prompt refers to a voice at all, which needs sound on.
    /// </summary>
    internal static bool CheckVoiceReferences(string? prompt, int voiceCount, Action<string, string> add)
    {
        if (prompt is null)
        {
            return false;
        }

        var found = false;
        var reported = 0L; // bit N set once voice N has been reported, so a reference repeated in the prompt is reported once
        for (var start = prompt.IndexOf(VoiceReferenceStart, StringComparison.Ordinal); start >= 0;
             start = prompt.IndexOf(VoiceReferenceStart, start + 1, StringComparison.Ordinal))
        {
            if (ReadVoiceNumber(prompt, start + VoiceReferenceStart.Length, out var end) is not { } number)
            {
                continue;
            }

            found = true;
            if ((number >= 1 && number <= voiceCount) || (number < 64 && (reported & (1L << number)) != 0))
            {
                continue;
            }

            reported |= number < 64 ? 1L << number : 0;
            var reference = prompt.Substring(start, end - start);
            add("prompt", voiceCount == 0
                ? Invariant($"prompt refers to {reference} but voice_list is not set: <<<voice_N>>> is the N-th voice of voice_list; add the voice or remove the reference.")
                : Invariant($"prompt refers to {reference} but voice_list has {voiceCount} {(voiceCount == 1 ? "voice" : "voices")}: <<<voice_N>>> is the N-th voice of voice_list, so N must be 1 to {voiceCount}."));
        }

        return found;
    }

    /// <summary>
    /// The N of a <c>&lt;&lt;&lt;voice_N&gt;&gt;&gt;</c> whose digits start at <paramref name="index"/> (capped at
    /// <see cref="int.MaxValue"/>, far beyond any voice count), with the index just after the reference; null when the
    /// text there is not a reference.
    /// </summary>
    internal static int? ReadVoiceNumber(string prompt, int index, out int end)
    {
        var number = 0L;
        end = index;
        while (end < prompt.Length && prompt[end] is >= '0' and <= '9')
        {
            number = Math.Min((number * 10) + (prompt[end] - '0'), int.MaxValue);
            end++;
        }

        if (end == index || string.CompareOrdinal(prompt, end, VoiceReferenceEnd, 0, VoiceReferenceEnd.Length) != 0)
        {
            return null;
        }

        end += VoiceReferenceEnd.Length;
        return (int)number;
    }

    internal static void CheckVoicesAndElements(IReadOnlyList<KlingVoice>? voices, IReadOnlyList<KlingElement>? elements, Action<string, string> add)
    {
        if (voices is not null)
        {
            if (voices.Count > MaxVoices)
            {
                add("voice_list", Invariant($"voice_list has {voices.Count} voices; Kling allows at most {MaxVoices} per task."));
            }

            for (var i = 0; i < voices.Count; i++)
            {
                if (voices[i] is null)
                {
                    add(Invariant($"voice_list[{i}]"), "the voice is null.");
                }
                else if (voices[i].VoiceId is null)
                {
                    add(Invariant($"voice_list[{i}].voice_id"), "voice_id is required.");
                }
            }
        }

        if (elements is null)
        {
            return;
        }

        if (voices is not null)
        {
            add("element_list", "element_list cannot be combined with voice_list: Kling accepts only one of the two per request; remove one of them.");
        }

        if (elements.Count > MaxElements)
        {
            add("element_list", Invariant($"element_list has {elements.Count} elements; Kling allows at most {MaxElements} per task."));
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is null)
            {
                add(Invariant($"element_list[{i}]"), "the element is null.");
            }
        }
    }

    /// <summary>
    /// Kling's rules for a multi-shot video. Only a request with <c>multi_shot</c> true is checked: otherwise Kling
    /// ignores <c>shot_type</c> and <c>multi_prompt</c>.
    /// </summary>
    internal static void CheckMultiShot(bool hasImageTail, KlingShotType? shotType, string? prompt, IReadOnlyList<KlingShot>? shots, KlingDuration? duration, Action<string, string> add)
    {
        if (hasImageTail)
        {
            add("multi_shot", "multi_shot cannot be combined with image_tail: Kling does not support first/end-frame generation in a multi-shot video.");
        }

        // Compared as sent, like every other value; an unknown type is left to the service.
        switch (shotType?.ToString())
        {
            case null or "":
                add("shot_type", "shot_type is required when multi_shot is true: \"customize\" (the shots of multi_prompt) or \"intelligence\" (the model cuts the prompt into shots).");
                break;
            case "intelligence" when string.IsNullOrWhiteSpace(prompt):
                add("prompt", "prompt is required when shot_type is \"intelligence\": the model cuts it into shots.");
                break;
            case "customize":
                CheckShots(shots, duration, add);
                break;
        }
    }

    internal static void CheckShots(IReadOnlyList<KlingShot>? shots, KlingDuration? duration, Action<string, string> add)
    {
        if (shots is null)
        {
            add("multi_prompt", Invariant($"multi_prompt is required when multi_shot is true and shot_type is \"customize\": list 1 to {MaxShots} shots."));
            return;
        }

        if (shots.Count is 0 or > MaxShots)
        {
            add("multi_prompt", Invariant($"multi_prompt has {shots.Count} shots; Kling accepts 1 to {MaxShots}."));
        }

        // The shots share the video's length: the service's default "5" when duration is not set.
        var total = Seconds(duration?.ToString() ?? "5");
        var sum = 0L;
        var sumKnown = shots.Count > 0;
        for (var i = 0; i < shots.Count; i++)
        {
            var path = Invariant($"multi_prompt[{i}]");
            if (shots[i] is not { } shot)
            {
                add(path, "the shot is null.");
                sumKnown = false;
                continue;
            }

            CheckShotPrompt(shot.Prompt, path + ".prompt", add);
            var shotDuration = shot.Duration.ToString();
            if (Seconds(shotDuration) is not { } seconds)
            {
                add(path + ".duration", $"duration \"{shotDuration}\" is not a whole number of seconds.");
                sumKnown = false;
                continue;
            }

            if (seconds < 1)
            {
                add(path + ".duration", "duration is 0; each shot lasts at least 1 second.");
            }
            else if (total is { } t && seconds > t)
            {
                add(path + ".duration", Invariant($"duration is {seconds} seconds, longer than the video ({t} seconds); each shot lasts 1 second to the video's duration."));
            }

            sum += seconds;
        }

        if (sumKnown && total is { } videoSeconds && sum != videoSeconds)
        {
            add("multi_prompt", Invariant($"the shots last {sum} seconds in total but {(duration is { } d ? $"duration is \"{d}\"" : "duration is not set (the service's default is \"5\")")}; the shots' durations must add up to the video's duration."));
        }
    }

    internal static void CheckShotPrompt(string? prompt, string path, Action<string, string> add)
    {
        if (prompt is null)
        {
            add(path, "prompt is required.");
            return;
        }

        var length = UnicodeText.CountScalars(prompt, out var unpaired);
        if (length > MaxShotPromptLength)
        {
            add(path, Invariant($"the shot's prompt has {length} characters (Unicode scalar values); Kling allows at most {MaxShotPromptLength}."));
        }

        if (unpaired >= 0)
        {
            add(path, Invariant($"the shot's prompt has half of a surrogate pair at index {unpaired} (invalid UTF-16, e.g. text cut in the middle of an emoji)."));
        }
    }

    /// <summary>A duration's wire value as whole seconds ("5" → 5), or null when it is not digits only or too long to be one.</summary>
    internal static int? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    internal static void CheckAllowed(string value, string path, ISet<string> allowed, string limitName, Action<string, string> add)
    {
        if (!allowed.Contains(value))
        {
            var list = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(item => $"\"{item}\""));
            add(path, $"{path} \"{value}\" is not accepted; accepted: {list} ({LimitsName}.{limitName}).");
        }
    }

    internal static void CheckSameResolution(ImageHeader? mask, ImageHeader? reference, string path, string referenceName, Action<string, string> add)
    {
        if (mask is { } m && reference is { } r && (m.Width != r.Width || m.Height != r.Height))
        {
            add(path, $"the mask is {Size(m)} but {referenceName} is {Size(r)}; masks must have the same resolution as the image.");
        }
    }

    internal static void CheckExternalTaskId(string externalTaskId, Action<string, string> add)
    {
        if (externalTaskId.Trim().Length == 0)
        {
            add("external_task_id", "external_task_id is empty or blank; leave it null or set an id.");
            return;
        }

        var control = UnicodeText.IndexOfControl(externalTaskId);
        if (control >= 0)
        {
            add("external_task_id", Invariant($"external_task_id has the control character U+{(int)externalTaskId[control]:X4} at index {control}."));
        }

        UnicodeText.CountScalars(externalTaskId, out var unpaired);
        if (unpaired >= 0)
        {
            add("external_task_id", Invariant($"external_task_id has half of a surrogate pair at index {unpaired} (invalid UTF-16)."));
        }
    }

    /// <summary>Reports each extra field that repeats a typed property that is set (<paramref name="setNames"/>).</summary>
    internal static void CheckAdditionalProperties<T>(IDictionary<string, T>? additional, IEnumerable<string> setNames, string requestType, Action<string, string> add)
    {
        if (additional is not { Count: > 0 })
        {
            return;
        }

        foreach (var name in setNames.Where(additional.ContainsKey))
        {
            add(name, $"{requestType}.AdditionalProperties has the key '{name}', which the request already sets through its typed property; remove one of them.");
        }
    }

    /// <summary>callback_url must be an absolute http(s) URL.</summary>
    internal static void CheckCallbackUrl(Uri? callbackUrl, Action<string, string> add)
    {
        if (callbackUrl is { } callback && (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps)))
        {
            add("callback_url", callback.IsAbsoluteUri
                ? $"callback_url must be an absolute http or https URL; it uses '{callback.Scheme}'."
                : "callback_url must be an absolute http or https URL; it is relative.");
        }
    }

    /// <summary>cfg_scale within the limits, and not with a kling-v2.x model.</summary>
    internal void CheckCfgScale(double? cfgScale, KlingModel? modelName, Action<string, string> add)
    {
        if (cfgScale is { } cfg && (!KlingValidationLimits.IsFinite(cfg) || cfg < _limits.MinCfgScale || cfg > _limits.MaxCfgScale))
        {
            add("cfg_scale", Invariant(
                $"cfg_scale is {cfg}; it must be a finite number from {_limits.MinCfgScale} to {_limits.MaxCfgScale} ({LimitsName}.MinCfgScale, MaxCfgScale)."));
        }

        // Kling: "kling-v2.x models do not support this parameter". A model's behaviour, not a host's limit, so it holds
        // under every set of limits; without it the call is paid for and the setting silently dropped.
        if (cfgScale is not null && modelName is { } model && IsKlingV2(model.ToString()))
        {
            add("cfg_scale", $"cfg_scale is not supported by kling-v2.x models (model_name is \"{model}\"), which ignore it; remove CfgScale or use a kling-v1.x model (e.g. kling-v1-6).");
        }
    }

    /// <summary>Kling: "When a voice is given, sound must be on". The wire value is compared as sent, like every other value.</summary>
    internal static void CheckSoundForVoice(bool refersToVoice, KlingSound? sound, Action<string, string> add)
    {
        if (refersToVoice && sound?.ToString() != "on")
        {
            add("sound", sound is { } s
                ? $"sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is \"{s}\"."
                : "sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is not set, and the service's default is \"off\".");
        }
    }

    /// <summary>
    /// mode (<see cref="CheckMode"/>) and duration among the accepted values; <paramref name="fourKModel"/> is the model
    /// that makes 4K for the kind, if any.
    /// </summary>
    internal void CheckModeAndDuration(KlingMode? mode, KlingDuration? duration, KlingModel? model, string? fourKModel, Action<string, string> add)
    {
        CheckMode(mode, "mode", model, fourKModel, add);
        if (duration is { } d)
        {
            CheckAllowed(d.ToString(), "duration", _limits.AllowedDurations, nameof(KlingValidationLimits.AllowedDurations), add);
        }
    }

    /// <summary>
    /// mode among <see cref="KlingValidationLimits.AllowedModes"/>, or <c>4k</c> with the one model that makes it for the
    /// kind (<paramref name="fourKModel"/>: kling-v3 for text and image to video, kling-v3-omni for omni video; Kling
    /// changelog 2026-04-23), compared as sent. A model's capability, so it holds under every set of limits; limits that
    /// list <c>4k</c> themselves allow it with any model.
    /// </summary>
    internal void CheckMode(KlingMode? mode, string path, KlingModel? model, string? fourKModel, Action<string, string> add)
    {
        if (mode is not { } m)
        {
            return;
        }

        var value = m.ToString();
        if (value != FourK || _limits.AllowedModes.Contains(value))
        {
            CheckAllowed(value, path, _limits.AllowedModes, nameof(KlingValidationLimits.AllowedModes), add);
        }
        else if (fourKModel is null)
        {
            add(path, $"{path} \"4k\" is not accepted here: Kling makes native 4K only with model_name \"kling-v3\" (text and image to video) and \"kling-v3-omni\" (omni video); use \"std\" or \"pro\".");
        }
        else if (model?.ToString() != fourKModel)
        {
            add(path, model is { } other
                ? $"{path} \"4k\" needs model_name \"{fourKModel}\" (it is \"{other}\"): Kling makes native 4K only with that model here; set ModelName or use \"std\" or \"pro\"."
                : $"{path} \"4k\" needs model_name \"{fourKModel}\" (it is not set, and the service's default model makes no 4K); set ModelName or use \"std\" or \"pro\".");
        }
    }

    internal void CheckDynamicMasks(
        IReadOnlyList<KlingDynamicMask> masks, ImageHeader? image, ImageHeader? staticMask, Action<string, string> add, PreparedRequest prepared)
    {
        if (masks.Count == 0)
        {
            add("dynamic_masks", "dynamic_masks is empty; leave it null or add at least one group.");
        }
        else if (masks.Count > _limits.ImageToVideo.MaxDynamicMasks)
        {
            add("dynamic_masks", Invariant($"dynamic_masks has {masks.Count} groups; the limit is {_limits.ImageToVideo.MaxDynamicMasks} ({LimitsName}.ImageToVideo.MaxDynamicMasks)."));
        }

        for (var i = 0; i < masks.Count; i++)
        {
            var path = Invariant($"dynamic_masks[{i}]");
            if (masks[i] is not { } group)
            {
                add(path, "the group is null.");
                continue;
            }

            if (group.Mask is null)
            {
                add(path + ".mask", "mask is required.");
            }

            var mask = Inspect(group.Mask, path + ".mask", checkAspectRatio: true, add, prepared);
            if (image is not null)
            {
                CheckSameResolution(mask, image, path + ".mask", "image", add);
            }
            else
            {
                CheckSameResolution(mask, staticMask, path + ".mask", "static_mask", add);
            }

            CheckTrajectory(group.Trajectories, path + ".trajectories", image ?? mask, add);
        }
    }

    internal void CheckTrajectory(IReadOnlyList<KlingTrajectoryPoint>? points, string path, ImageHeader? size, Action<string, string> add)
    {
        if (points is null)
        {
            add(path, "trajectories is required.");
            return;
        }

        if (points.Count < _limits.ImageToVideo.MinTrajectoryPoints || points.Count > _limits.ImageToVideo.MaxTrajectoryPoints)
        {
            add(path, Invariant(
                $"trajectories has {points.Count} points; it must have {_limits.ImageToVideo.MinTrajectoryPoints} to {_limits.ImageToVideo.MaxTrajectoryPoints} ({LimitsName}.ImageToVideo.MinTrajectoryPoints, ImageToVideo.MaxTrajectoryPoints)."));
        }

        for (var j = 0; j < points.Count; j++)
        {
            var (x, y) = (points[j].X, points[j].Y);
            if (x < 0 || y < 0)
            {
                add(Invariant($"{path}[{j}]"), Invariant($"the point ({x}, {y}) is outside the image: coordinates are pixels from the bottom-left corner and cannot be negative."));
            }
            else if (size is { } s && (x >= s.Width || y >= s.Height))
            {
                add(Invariant($"{path}[{j}]"), Invariant(
                    $"the point ({x}, {y}) is outside the {Size(s)} image: x must be 0 to {s.Width - 1} and y 0 to {s.Height - 1} (pixels from the bottom-left corner)."));
            }
        }
    }

    internal void CheckCamera(KlingCameraControl camera, Action<string, string> add)
    {
        var type = camera.Type.ToString();
        if (type.Length == 0)
        {
            add("camera_control.type", "camera_control.type is required.");
        }
        else
        {
            CheckAllowed(type, "camera_control.type", _limits.AllowedCameraControlTypes, nameof(KlingValidationLimits.AllowedCameraControlTypes), add);
        }

        if (camera.Type == KlingCameraControlType.Simple)
        {
            if (camera.Config is not { } config)
            {
                add("camera_control.config", "camera_control.config is required when type is \"simple\": set exactly one axis.");
                return;
            }

            (string Name, double? Value)[] axes =
            [
                ("horizontal", config.Horizontal), ("vertical", config.Vertical), ("pan", config.Pan),
                ("tilt", config.Tilt), ("roll", config.Roll), ("zoom", config.Zoom),
            ];
            var max = _limits.MaxCameraConfigValue;
            foreach (var (name, value) in axes)
            {
                if (value is { } v && (!KlingValidationLimits.IsFinite(v) || v < -max || v > max))
                {
                    add("camera_control.config." + name, Invariant($"{name} is {v}; it must be a finite number from {-max} to {max} ({LimitsName}.MaxCameraConfigValue)."));
                }
            }

            var nonZero = axes.Where(axis => axis.Value is { } v && v != 0).Select(axis => axis.Name).ToArray();
            if (nonZero.Length != 1)
            {
                add("camera_control.config", nonZero.Length == 0
                    ? "camera_control.config must have exactly one non-zero axis (horizontal, vertical, pan, tilt, roll or zoom); all are zero or unset."
                    : $"camera_control.config must have exactly one non-zero axis; {nonZero.Length} are set: {string.Join(", ", nonZero)}.");
            }
        }
        else if (camera.Config is not null && PresetsWithoutConfig.Contains(type))
        {
            add("camera_control.config", $"camera_control type \"{type}\" takes no config; only \"simple\" does. Remove Config.");
        }
    }

    /// <summary>
    /// The rules for one local image, from what <see cref="PreparedRequest"/> found (no reading here): size, header,
    /// pixel size and aspect ratio. Returns the header when it could be read.
    /// </summary>
    internal ImageHeader? Inspect(KlingImage? image, string path, bool checkAspectRatio, Action<string, string> add, PreparedRequest prepared)
    {
        if (prepared.FactsOf(image) is not { } facts)
        {
            return null;
        }

        var maxBytes = _limits.MaxImageBytes;
        if (facts.Length.IsLowerBound)
        {
            add(path, Invariant($"the image is larger than {maxBytes:N0} bytes, the limit ({LimitsName}.MaxImageBytes)."));
        }
        else if (facts.Length.Bytes > maxBytes)
        {
            add(path, Invariant($"the image is {facts.Length.Bytes:N0} bytes; the limit is {maxBytes:N0} bytes ({LimitsName}.MaxImageBytes)."));
        }

        if (facts.ReadFailure is { } failure)
        {
            add(path, $"the image ({facts.Description}) cannot be read: {failure}");
            return null;
        }

        if (facts.Header is not { } header)
        {
            add(path, facts.HeaderProblem + ".");
            return null;
        }

        var min = _limits.MinImageDimension;
        if (header.Width < min || header.Height < min)
        {
            add(path, Invariant($"the image is {Size(header)}; width and height must be at least {min} px ({LimitsName}.MinImageDimension)."));
        }

        var ratio = (double)Math.Max(header.Width, header.Height) / Math.Min(header.Width, header.Height);
        if (checkAspectRatio && ratio > _limits.MaxImageAspectRatio)
        {
            var limit = _limits.MaxImageAspectRatio;
            add(path, Invariant(
                $"the image is {Size(header)}, an aspect ratio of {ratio:0.###}:1; it must be between 1:{limit} and {limit}:1 ({LimitsName}.MaxImageAspectRatio)."));
        }

        return header;
    }

    /// <summary>
    /// The rules for one local audio file, from what <see cref="PreparedRequest"/> found: size, format (mp3, wav, m4a,
    /// aac) and, for a WAV whose header gives it, a length between <paramref name="minLength"/> and
    /// <paramref name="maxLength"/> (named by <paramref name="limitName"/> in the message).
    /// </summary>
    internal void InspectAudio(KlingAudio? audio, string path, TimeSpan minLength, TimeSpan maxLength, string limitName, Action<string, string> add, PreparedRequest prepared)
    {
        if (prepared.FactsOf(audio) is not { } facts)
        {
            return;
        }

        var maxBytes = _limits.MaxAudioBytes;
        if (facts.Length.IsLowerBound)
        {
            add(path, Invariant($"the audio is larger than {maxBytes:N0} bytes, the limit ({LimitsName}.MaxAudioBytes)."));
        }
        else if (facts.Length.Bytes > maxBytes)
        {
            add(path, Invariant($"the audio is {facts.Length.Bytes:N0} bytes; the limit is {maxBytes:N0} bytes ({LimitsName}.MaxAudioBytes)."));
        }

        if (facts.ReadFailure is { } failure)
        {
            add(path, $"the audio ({facts.Description}) cannot be read: {failure}");
            return;
        }

        if (facts.Audio is not { } header)
        {
            add(path, facts.HeaderProblem + ".");
            return;
        }

        if (header.Duration is { } duration && (duration < minLength || duration > maxLength))
        {
            add(path, Invariant($"the audio lasts {duration.TotalSeconds:0.##} s; it must last {minLength.TotalSeconds:0.##} to {maxLength.TotalSeconds:0.##} s ({limitName})."));
        }
    }
}
