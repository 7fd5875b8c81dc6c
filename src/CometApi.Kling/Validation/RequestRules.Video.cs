using CometApi.Kling.Kinds;

namespace CometApi.Kling.Validation;

/// <summary>The rules of a video's settings: model, mode, duration, cfg_scale, camera, voices and shots.</summary>
internal sealed partial class RequestRules
{
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

    /// <summary>
    /// Whether the model is a Kling 2.x one: <c>kling-v2</c>, then the end or a '-' (kling-v2-master, kling-v2-1,
    /// kling-v2-5-turbo, kling-v2-6 and later 2.x names), but not kling-v20 or kling-v3. Compared as the wire sends it,
    /// like every other value: Kling's model names are lower case, and the validator does not guess at other spellings.
    /// </summary>
    internal static bool IsKlingV2(string model) =>
        model.StartsWith(KlingV2, StringComparison.Ordinal) && (model.Length == KlingV2.Length || model[KlingV2.Length] == '-');

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

    /// <summary>
    /// A video's generation settings: mode and duration among the accepted values (<see cref="CheckModeAndDuration"/>),
    /// and cfg_scale (see <see cref="CheckCfgScale"/>).
    /// </summary>
    public void CheckVideoSettings(KlingModel? modelName, KlingMode? mode, KlingDuration? duration, double? cfgScale, string? fourKModel)
    {
        CheckModeAndDuration(mode, duration, modelName, fourKModel);
        CheckCfgScale(cfgScale, modelName);
    }

    /// <summary>
    /// mode (<see cref="CheckMode"/>) and duration among the accepted values; <paramref name="fourKModel"/> is the model
    /// that makes 4K for the kind, if any.
    /// </summary>
    public void CheckModeAndDuration(KlingMode? mode, KlingDuration? duration, KlingModel? model, string? fourKModel)
    {
        CheckMode(mode, "mode", model, fourKModel);
        if (duration is { } d)
        {
            CheckAllowed(d.ToString(), "duration", Limits.AllowedDurations, nameof(KlingValidationLimits.AllowedDurations));
        }
    }

    /// <summary>
    /// mode among <see cref="KlingValidationLimits.AllowedModes"/>, or <c>4k</c> with the one model that makes it for the
    /// kind (<paramref name="fourKModel"/>: kling-v3 for text and image to video, kling-v3-omni for omni video; Kling
    /// changelog 2026-04-23), compared as sent. A model's capability, so it holds under every set of limits; limits that
    /// list <c>4k</c> themselves allow it with any model.
    /// </summary>
    public void CheckMode(KlingMode? mode, string path, KlingModel? model, string? fourKModel)
    {
        if (mode is not { } m)
        {
            return;
        }

        var value = m.ToString();
        if (value != FourK || Limits.AllowedModes.Contains(value))
        {
            CheckAllowed(value, path, Limits.AllowedModes, nameof(KlingValidationLimits.AllowedModes));
        }
        else if (fourKModel is null)
        {
            Add(path, $"{path} \"4k\" is not accepted here: Kling makes native 4K only with model_name \"kling-v3\" (text and image to video) and \"kling-v3-omni\" (omni video); use \"std\" or \"pro\".");
        }
        else if (model?.ToString() != fourKModel)
        {
            Add(path, model is { } other
                ? $"{path} \"4k\" needs model_name \"{fourKModel}\" (it is \"{other}\"): Kling makes native 4K only with that model here; set ModelName or use \"std\" or \"pro\"."
                : $"{path} \"4k\" needs model_name \"{fourKModel}\" (it is not set, and the service's default model makes no 4K); set ModelName or use \"std\" or \"pro\".");
        }
    }

    /// <summary>cfg_scale within the limits, and not with a kling-v2.x model.</summary>
    public void CheckCfgScale(double? cfgScale, KlingModel? modelName)
    {
        if (cfgScale is { } cfg && (!KlingValidationLimits.IsFinite(cfg) || cfg < Limits.MinCfgScale || cfg > Limits.MaxCfgScale))
        {
            Add("cfg_scale", Invariant(
                $"cfg_scale is {cfg}; it must be a finite number from {Limits.MinCfgScale} to {Limits.MaxCfgScale} ({LimitsName}.MinCfgScale, MaxCfgScale)."));
        }

        // Kling: "kling-v2.x models do not support this parameter". A model's behaviour, not a host's limit, so it holds
        // under every set of limits; without it the call is paid for and the setting silently dropped.
        if (cfgScale is not null && modelName is { } model && IsKlingV2(model.ToString()))
        {
            Add("cfg_scale", $"cfg_scale is not supported by kling-v2.x models (model_name is \"{model}\"), which ignore it; remove CfgScale or use a kling-v1.x model (e.g. kling-v1-6).");
        }
    }

    public void CheckCamera(KlingCameraControl camera)
    {
        var type = camera.Type.ToString();
        if (type.Length == 0)
        {
            Add("camera_control.type", "camera_control.type is required.");
        }
        else
        {
            CheckAllowed(type, "camera_control.type", Limits.AllowedCameraControlTypes, nameof(KlingValidationLimits.AllowedCameraControlTypes));
        }

        if (camera.Type == KlingCameraControlType.Simple)
        {
            if (camera.Config is not { } config)
            {
                Add("camera_control.config", "camera_control.config is required when type is \"simple\": set exactly one axis.");
                return;
            }

            var max = Limits.MaxCameraConfigValue;
            List<string>? nonZero = null;
            foreach (var (name, get) in WireValues.CameraAxes)
            {
                if (get(config) is not { } v)
                {
                    continue;
                }

                if (!KlingValidationLimits.IsFinite(v) || v < -max || v > max)
                {
                    Add("camera_control.config." + name, Invariant($"{name} is {v}; it must be a finite number from {-max} to {max} ({LimitsName}.MaxCameraConfigValue)."));
                }

                if (v != 0)
                {
                    (nonZero ??= []).Add(name);
                }
            }

            if (nonZero?.Count != 1)
            {
                Add("camera_control.config", nonZero is null
                    ? "camera_control.config must have exactly one non-zero axis (horizontal, vertical, pan, tilt, roll or zoom); all are zero or unset."
                    : $"camera_control.config must have exactly one non-zero axis; {nonZero.Count} are set: {string.Join(", ", nonZero)}.");
            }
        }
        else if (camera.Config is not null && PresetsWithoutConfig.Contains(type))
        {
            Add("camera_control.config", $"camera_control type \"{type}\" takes no config; only \"simple\" does. Remove Config.");
        }
    }

    /// <summary>
    /// Kling's rules for a video's sound, voices, elements and shots (official Kling fields: their rules are Kling's, so
    /// they hold under every set of limits): each <c>&lt;&lt;&lt;voice_N&gt;&gt;&gt;</c> of the prompt names a voice and
    /// needs sound on, voice_list and element_list within their counts and not both, and the shots of a multi-shot video.
    /// </summary>
    public void CheckVoicesSoundAndShots(
        string? prompt,
        KlingSound? sound,
        IReadOnlyList<KlingVoice?>? voices,
        IReadOnlyList<KlingElement?>? elements,
        bool? multiShot,
        KlingShotType? shotType,
        IReadOnlyList<KlingShot?>? shots,
        KlingDuration? duration,
        bool hasImageTail)
    {
        CheckSoundForVoice(CheckVoiceReferences(prompt, voices?.Count ?? 0), sound);
        CheckVoicesAndElements(voices, elements);
        CheckMultiShot(multiShot, hasImageTail, shotType, prompt, shots, duration);
    }

    /// <summary>
    /// Kling's rules for a multi-shot video. Only a request with <c>multi_shot</c> true is checked: otherwise Kling
    /// ignores <c>shot_type</c> and <c>multi_prompt</c>.
    /// </summary>
    public void CheckMultiShot(bool? multiShot, bool hasImageTail, KlingShotType? shotType, string? prompt, IReadOnlyList<KlingShot?>? shots, KlingDuration? duration)
    {
        if (multiShot != true)
        {
            return;
        }

        if (hasImageTail)
        {
            Add("multi_shot", "multi_shot cannot be combined with image_tail: Kling does not support first/end-frame generation in a multi-shot video.");
        }

        // Compared as sent, like every other value; an unknown type is left to the service.
        switch (shotType?.ToString())
        {
            case null or "":
                Add("shot_type", "shot_type is required when multi_shot is true: \"customize\" (the shots of multi_prompt) or \"intelligence\" (the model cuts the prompt into shots).");
                break;
            case "intelligence" when string.IsNullOrWhiteSpace(prompt):
                Add("prompt", "prompt is required when shot_type is \"intelligence\": the model cuts it into shots.");
                break;
            case "customize":
                CheckShots(shots, duration);
                break;
        }
    }

    /// <summary>
    /// Reports each <c>&lt;&lt;&lt;voice_N&gt;&gt;&gt;</c> in the prompt whose N is not a position in <c>voice_list</c>
    /// (1 to the voice count); returns whether the prompt refers to a voice at all, which needs sound on.
    /// </summary>
    private bool CheckVoiceReferences(string? prompt, int voiceCount)
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
            Add("prompt", voiceCount == 0
                ? Invariant($"prompt refers to {reference} but voice_list is not set: <<<voice_N>>> is the N-th voice of voice_list; add the voice or remove the reference.")
                : Invariant($"prompt refers to {reference} but voice_list has {voiceCount} {(voiceCount == 1 ? "voice" : "voices")}: <<<voice_N>>> is the N-th voice of voice_list, so N must be 1 to {voiceCount}."));
        }

        return found;
    }

    /// <summary>Kling: "When a voice is given, sound must be on". The wire value is compared as sent, like every other value.</summary>
    private void CheckSoundForVoice(bool refersToVoice, KlingSound? sound)
    {
        if (refersToVoice && sound?.ToString() != "on")
        {
            Add("sound", sound is { } s
                ? $"sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is \"{s}\"."
                : "sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is not set, and the service's default is \"off\".");
        }
    }

    private void CheckVoicesAndElements(IReadOnlyList<KlingVoice?>? voices, IReadOnlyList<KlingElement?>? elements)
    {
        if (voices is not null)
        {
            if (voices.Count > MaxVoices)
            {
                Add("voice_list", Invariant($"voice_list has {voices.Count} voices; Kling allows at most {MaxVoices} per task."));
            }

            for (var i = 0; i < voices.Count; i++)
            {
                if (Item(voices, i, "voice_list", "voice", out var voice, out var path) && voice.VoiceId is null)
                {
                    Add(path + ".voice_id", "voice_id is required.");
                }
            }
        }

        if (elements is null)
        {
            return;
        }

        if (voices is not null)
        {
            Add("element_list", "element_list cannot be combined with voice_list: Kling accepts only one of the two per request; remove one of them.");
        }

        if (elements.Count > MaxElements)
        {
            Add("element_list", Invariant($"element_list has {elements.Count} elements; Kling allows at most {MaxElements} per task."));
        }

        CheckNoNullItems(elements, "element_list", "element");
    }

    private void CheckShots(IReadOnlyList<KlingShot?>? shots, KlingDuration? duration)
    {
        if (shots is null)
        {
            Add("multi_prompt", Invariant($"multi_prompt is required when multi_shot is true and shot_type is \"customize\": list 1 to {MaxShots} shots."));
            return;
        }

        if (shots.Count is 0 or > MaxShots)
        {
            Add("multi_prompt", Invariant($"multi_prompt has {shots.Count} shots; Kling accepts 1 to {MaxShots}."));
        }

        // The shots share the video's length: the service's default "5" when duration is not set.
        var total = Seconds(duration?.ToString() ?? "5");
        var sum = 0L;
        var sumKnown = shots.Count > 0;
        for (var i = 0; i < shots.Count; i++)
        {
            if (!Item(shots, i, "multi_prompt", "shot", out var shot, out var path))
            {
                sumKnown = false;
                continue;
            }

            if (shot.Prompt is null)
            {
                Add(path + ".prompt", "prompt is required.");
            }

            CheckScalars(shot.Prompt, path + ".prompt", "the shot's prompt", MaxShotPromptLength, limitName: null);
            var shotDuration = shot.Duration.ToString();
            if (Seconds(shotDuration) is not { } seconds)
            {
                Add(path + ".duration", $"duration \"{shotDuration}\" is not a whole number of seconds.");
                sumKnown = false;
                continue;
            }

            if (seconds < 1)
            {
                Add(path + ".duration", "duration is 0; each shot lasts at least 1 second.");
            }
            else if (total is { } t && seconds > t)
            {
                Add(path + ".duration", Invariant($"duration is {seconds} seconds, longer than the video ({t} seconds); each shot lasts 1 second to the video's duration."));
            }

            sum += seconds;
        }

        if (sumKnown && total is { } videoSeconds && sum != videoSeconds)
        {
            Add("multi_prompt", Invariant($"the shots last {sum} seconds in total but {(duration is { } d ? $"duration is \"{d}\"" : "duration is not set (the service's default is \"5\")")}; the shots' durations must add up to the video's duration."));
        }
    }
}
