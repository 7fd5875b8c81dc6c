using System.Globalization;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// Checks an <see cref="ImageToVideoRequest"/> against <see cref="KlingValidationLimits"/> and returns every problem at
/// once. <see cref="KlingClient.CreateImageToVideoAsync"/> runs it before sending anything; call it yourself to check a
/// request early (e.g. when a user submits a form).
/// </summary>
/// <remarks>
/// Local images (bytes, base64, file, stream) are checked from their headers only: JPEG or PNG by their signature, byte
/// size, width and height, aspect ratio. URL images are not downloaded. Checking a stream that cannot seek copies it to a
/// temporary file, because its size is only known once it has been read. Kling's own rules about its models and newer
/// fields (no <c>cfg_scale</c> with a kling-v2.x model; voices, elements and multi-shot) are checked under any limits.
/// Thread-safe.
/// </remarks>
public sealed class ImageToVideoRequestValidator
{
    private const string LimitsName = nameof(KlingValidationLimits);

    // Fixed by Kling for its own fields (not a host's limit, so not in KlingValidationLimits).
    private const int MaxVoices = 2;
    private const int MaxElements = 3;
    private const int MaxShots = 6;
    private const int MaxShotPromptLength = 512;
    private const string VoiceReferenceStart = "<<<voice_";
    private const string VoiceReferenceEnd = ">>>";
    private const string KlingV2 = "kling-v2";

    // The four documented presets that take no config; types added through the limits are not assumed either way.
    private static readonly HashSet<string> PresetsWithoutConfig = new(StringComparer.Ordinal) { "down_back", "forward_up", "right_turn_forward", "left_turn_forward" };

    private readonly KlingValidationLimits _limits;

    /// <summary>Creates a validator with the CometAPI limits (the defaults of <see cref="KlingValidationLimits"/>).</summary>
    public ImageToVideoRequestValidator()
        : this(new KlingValidationLimits())
    {
    }

    /// <summary>Creates a validator with the given limits (copied: later changes to <paramref name="limits"/> do not affect it).</summary>
    /// <param name="limits">The limits to check against.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A limit cannot be used (e.g. a negative length); the message names it.</exception>
    public ImageToVideoRequestValidator(KlingValidationLimits limits)
    {
        if (limits is null)
        {
            throw new ArgumentNullException(nameof(limits));
        }

        var problems = limits.Problems(LimitsName).ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(limits));
        }

        _limits = limits.Clone();
    }

    /// <summary>Checks the request, reading the headers of its local images.</summary>
    /// <param name="request">The request to check.</param>
    /// <returns>Every problem found, in field order; empty when the request can be sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<KlingValidationError> Validate(ImageToVideoRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // With useAsync: false nothing awaits for real, so this completes synchronously.
        return ValidateAsync(request, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Checks the request, reading the headers of its local images asynchronously: prefer it in async code when the
    /// request holds a stream that cannot seek, which is read to its end (up to the size limit) to be measured.
    /// </summary>
    /// <param name="request">The request to check.</param>
    /// <param name="cancellationToken">Cancels reading the images.</param>
    /// <returns>Every problem found, in field order; empty when the request can be sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyList<KlingValidationError>> ValidateAsync(ImageToVideoRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return ValidateAsync(request, useAsync: true, cancellationToken);
    }

    /// <summary>Checks the request; with <paramref name="useAsync"/>, reads (and copies non-seekable streams) asynchronously.</summary>
    internal async Task<IReadOnlyList<KlingValidationError>> ValidateAsync(ImageToVideoRequest request, bool useAsync, CancellationToken cancellationToken)
    {
        var errors = new List<KlingValidationError>();

        // One delegate for the whole check (passing the local function itself would allocate one per call site).
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // image / image_tail
        if (request.Image is null && (_limits.RequireImage || request.ImageTail is null))
        {
            add("image", _limits.RequireImage
                ? $"image is required ({LimitsName}.RequireImage)."
                : "image or image_tail is required.");
        }

        var image = await InspectAsync(request.Image, "image", checkAspectRatio: true, add, useAsync, cancellationToken).ConfigureAwait(false);
        await InspectAsync(request.ImageTail, "image_tail", checkAspectRatio: false, add, useAsync, cancellationToken).ConfigureAwait(false);

        // Text and scalar fields
        CheckText(request.Prompt, "prompt", _limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        var refersToVoice = CheckVoiceReferences(request.Prompt, request.VoiceList?.Count ?? 0, add);
        CheckText(request.NegativePrompt, "negative_prompt", _limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);
        if (request.Mode is { } mode)
        {
            CheckAllowed(mode.ToString(), "mode", _limits.AllowedModes, nameof(KlingValidationLimits.AllowedModes), add);
        }

        if (request.Duration is { } duration)
        {
            CheckAllowed(duration.ToString(), "duration", _limits.AllowedDurations, nameof(KlingValidationLimits.AllowedDurations), add);
        }

        if (request.CfgScale is { } cfg && (!KlingValidationLimits.IsFinite(cfg) || cfg < _limits.MinCfgScale || cfg > _limits.MaxCfgScale))
        {
            add("cfg_scale", Invariant(
                $"cfg_scale is {cfg}; it must be a finite number from {_limits.MinCfgScale} to {_limits.MaxCfgScale} ({LimitsName}.MinCfgScale, MaxCfgScale)."));
        }

        // Kling: "kling-v2.x models do not support this parameter". A model's behaviour, not a host's limit, so it holds
        // under every set of limits; without it the call is paid for and the setting silently dropped.
        if (request.CfgScale is not null && request.ModelName is { } model && IsKlingV2(model.ToString()))
        {
            add("cfg_scale", $"cfg_scale is not supported by kling-v2.x models (model_name is \"{model}\"), which ignore it; remove CfgScale or use a kling-v1.x model (e.g. kling-v1-6).");
        }

        // Motion brush
        var masksSet = request.StaticMask is not null || request.DynamicMasks is not null;
        if (masksSet && request.ImageTail is not null)
        {
            add(request.StaticMask is not null ? "static_mask" : "dynamic_masks", Exclusive("static_mask/dynamic_masks", "image_tail"));
        }

        var staticMask = await InspectAsync(request.StaticMask, "static_mask", checkAspectRatio: true, add, useAsync, cancellationToken).ConfigureAwait(false);
        CheckSameResolution(staticMask, image, "static_mask", "image", add);
        if (request.DynamicMasks is { } dynamicMasks)
        {
            await CheckDynamicMasksAsync(dynamicMasks, image, staticMask, add, useAsync, cancellationToken).ConfigureAwait(false);
        }

        // Camera
        if (request.CameraControl is { } camera)
        {
            if (request.ImageTail is not null || masksSet)
            {
                add("camera_control", Exclusive("camera_control", request.ImageTail is not null ? "image_tail" : "static_mask/dynamic_masks"));
            }

            CheckCamera(camera, add);
        }

        // Callback and ids
        if (request.CallbackUrl is { } callback && (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps)))
        {
            add("callback_url", callback.IsAbsoluteUri
                ? $"callback_url must be an absolute http or https URL; it uses '{callback.Scheme}'."
                : "callback_url must be an absolute http or https URL; it is relative.");
        }

        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        // Voices and elements (official Kling fields: their rules are Kling's, so they hold under every set of limits)
        // Kling: "When a voice is given, sound must be on". The wire value is compared as sent, like every other value.
        if (refersToVoice && request.Sound?.ToString() != "on")
        {
            add("sound", request.Sound is { } sound
                ? $"sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is \"{sound}\"."
                : "sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is not set, and the service's default is \"off\".");
        }

        CheckVoicesAndElements(request.VoiceList, request.ElementList, add);
        if (request.MultiShot == true)
        {
            CheckMultiShot(request, add);
        }

        CheckAdditionalProperties(request, add);
        return errors;
    }

    private static string Exclusive(string field, string other) =>
        $"{field} cannot be combined with {other}: Kling accepts only one of image_tail, static_mask/dynamic_masks and camera_control per request.";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>
    /// Whether the model is a Kling 2.x one: <c>kling-v2</c>, then the end or a '-' (kling-v2-master, kling-v2-1,
    /// kling-v2-5-turbo, kling-v2-6 and later 2.x names), but not kling-v20 or kling-v3. Compared as the wire sends it,
    /// like every other value: Kling's model names are lower case, and the validator does not guess at other spellings.
    /// </summary>
    private static bool IsKlingV2(string model) =>
        model.StartsWith(KlingV2, StringComparison.Ordinal) && (model.Length == KlingV2.Length || model[KlingV2.Length] == '-');

    private static string Size(ImageHeader header) => Invariant($"{header.Width}×{header.Height} px");

    private static void CheckText(string? text, string path, int maxLength, string limitName, Action<string, string> add)
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
    private static bool CheckVoiceReferences(string? prompt, int voiceCount, Action<string, string> add)
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
    private static int? ReadVoiceNumber(string prompt, int index, out int end)
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

    private static void CheckVoicesAndElements(IReadOnlyList<KlingVoice>? voices, IReadOnlyList<KlingElement>? elements, Action<string, string> add)
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
    private static void CheckMultiShot(ImageToVideoRequest request, Action<string, string> add)
    {
        if (request.ImageTail is not null)
        {
            add("multi_shot", "multi_shot cannot be combined with image_tail: Kling does not support first/end-frame generation in a multi-shot video.");
        }

        // Compared as sent, like every other value; an unknown type is left to the service.
        switch (request.ShotType?.ToString())
        {
            case null or "":
                add("shot_type", "shot_type is required when multi_shot is true: \"customize\" (the shots of multi_prompt) or \"intelligence\" (the model cuts the prompt into shots).");
                break;
            case "intelligence" when string.IsNullOrWhiteSpace(request.Prompt):
                add("prompt", "prompt is required when shot_type is \"intelligence\": the model cuts it into shots.");
                break;
            case "customize":
                CheckShots(request.MultiPrompt, request.Duration, add);
                break;
        }
    }

    private static void CheckShots(IReadOnlyList<KlingMultiPrompt>? shots, KlingDuration? duration, Action<string, string> add)
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

    private static void CheckShotPrompt(string? prompt, string path, Action<string, string> add)
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
    private static int? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    private static void CheckAllowed(string value, string path, ISet<string> allowed, string limitName, Action<string, string> add)
    {
        if (!allowed.Contains(value))
        {
            var list = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(item => $"\"{item}\""));
            add(path, $"{path} \"{value}\" is not accepted; accepted: {list} ({LimitsName}.{limitName}).");
        }
    }

    private static void CheckSameResolution(ImageHeader? mask, ImageHeader? reference, string path, string referenceName, Action<string, string> add)
    {
        if (mask is { } m && reference is { } r && (m.Width != r.Width || m.Height != r.Height))
        {
            add(path, $"the mask is {Size(m)} but {referenceName} is {Size(r)}; masks must have the same resolution as the image.");
        }
    }

    private static void CheckExternalTaskId(string externalTaskId, Action<string, string> add)
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

    private static void CheckAdditionalProperties(ImageToVideoRequest request, Action<string, string> add)
    {
        if (request.AdditionalProperties is not { Count: > 0 } additional)
        {
            return;
        }

        foreach (var name in ImageToVideoRequestWriter.SetPropertyNames(request).Where(additional.ContainsKey))
        {
            add(name, $"ImageToVideoRequest.AdditionalProperties has the key '{name}', which the request already sets through its typed property; remove one of them.");
        }
    }

    private static bool IsReadFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or NotSupportedException;

    private async Task CheckDynamicMasksAsync(
        IReadOnlyList<KlingDynamicMask> masks, ImageHeader? image, ImageHeader? staticMask, Action<string, string> add, bool useAsync, CancellationToken cancellationToken)
    {
        if (masks.Count == 0)
        {
            add("dynamic_masks", "dynamic_masks is empty; leave it null or add at least one group.");
        }
        else if (masks.Count > _limits.MaxDynamicMasks)
        {
            add("dynamic_masks", Invariant($"dynamic_masks has {masks.Count} groups; the limit is {_limits.MaxDynamicMasks} ({LimitsName}.MaxDynamicMasks)."));
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

            var mask = await InspectAsync(group.Mask, path + ".mask", checkAspectRatio: true, add, useAsync, cancellationToken).ConfigureAwait(false);
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

    private void CheckTrajectory(IReadOnlyList<KlingTrajectoryPoint>? points, string path, ImageHeader? size, Action<string, string> add)
    {
        if (points is null)
        {
            add(path, "trajectories is required.");
            return;
        }

        if (points.Count < _limits.MinTrajectoryPoints || points.Count > _limits.MaxTrajectoryPoints)
        {
            add(path, Invariant(
                $"trajectories has {points.Count} points; it must have {_limits.MinTrajectoryPoints} to {_limits.MaxTrajectoryPoints} ({LimitsName}.MinTrajectoryPoints, MaxTrajectoryPoints)."));
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

    private void CheckCamera(KlingCameraControl camera, Action<string, string> add)
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

    private async Task<ImageHeader?> InspectAsync(
        KlingImage? image, string path, bool checkAspectRatio, Action<string, string> add, bool useAsync, CancellationToken cancellationToken)
    {
        if (image?.Source is not { } source)
        {
            return null;
        }

        var maxBytes = _limits.MaxImageBytes;
        ImageHeader header;
        try
        {
            var length = await source.PrepareAsync(maxBytes, useAsync, cancellationToken).ConfigureAwait(false);
            if (length.IsLowerBound)
            {
                add(path, Invariant($"the image is larger than {maxBytes:N0} bytes, the limit ({LimitsName}.MaxImageBytes)."));
            }
            else if (length.Bytes > maxBytes)
            {
                add(path, Invariant($"the image is {length.Bytes:N0} bytes; the limit is {maxBytes:N0} bytes ({LimitsName}.MaxImageBytes)."));
            }

            using var reader = source.OpenByteReader();
            if (!ImageHeaderReader.TryRead(reader, out header, out var problem))
            {
                add(path, problem + ".");
                return null;
            }
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            add(path, $"the image ({source.Description}) cannot be read: {ex.Message}");
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
}
