using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.LipSync;

/// <summary>
/// Lip-sync (<c>videos/advanced-lip-sync</c>): its rules and body writer (kling-catalogue §3.7). The session comes from
/// the synchronous identify-face call (<c>KlingClient.IdentifyFacesAsync</c>, <see cref="IdentifyFacesCall"/>).
/// </summary>
internal sealed class LipSyncDefinition : KlingTaskDefinition<LipSyncRequest>
{
    // Kling's own rules, the same on CometAPI's page and the official one (not a host's limit, so not configurable).
    internal const long MinClipMilliseconds = 2000;
    internal static readonly TimeSpan MinAudioLength = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan MaxAudioLength = TimeSpan.FromSeconds(60);
    internal const double MaxVolume = 2;

    private const string AudioRule = "Kling's range for lip-sync audio";

    private LipSyncDefinition()
        : base(KlingTaskKind.LipSync, "lip-sync")
    {
    }

    public static LipSyncDefinition Instance { get; } = new();

    /// <summary>Writes the body in wire order (times as JSON numbers), yielding each face's local audio after its property name.</summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, LipSyncRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "session_id", request.SessionId);
        if (request.Faces is { } faces)
        {
            writer.WriteStartArray("face_choose");
            foreach (var face in faces)
            {
                if (face is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                WriteString(writer, "face_id", face.FaceId);
                WriteString(writer, "audio_id", face.AudioId);
                if (MediaFieldWriter.Write(writer, "sound_file", face.Audio) is { } sound)
                {
                    yield return sound;
                }

                WriteMilliseconds(writer, "sound_start_time", face.AudioStartTime);
                WriteMilliseconds(writer, "sound_end_time", face.AudioEndTime);
                WriteMilliseconds(writer, "sound_insert_time", face.AudioInsertTime);
                WriteDouble(writer, "sound_volume", face.AudioVolume);
                WriteDouble(writer, "original_audio_volume", face.OriginalAudioVolume);
                WriteAdditionalProperties(writer, face.AdditionalProperties);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteWatermark(writer, request.WatermarkInfo);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(LipSyncRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("session_id", request.SessionId is not null),
            ("face_choose", request.Faces is not null),
            ("watermark_info", request.WatermarkInfo is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    /// <summary>The wire names of a face's typed properties that are set.</summary>
    public static IEnumerable<string> SetPropertyNames(KlingFaceChoice face)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("face_id", face.FaceId is not null),
            ("audio_id", face.AudioId is not null),
            ("sound_file", face.Audio is not null),
            ("sound_start_time", face.AudioStartTime is not null),
            ("sound_end_time", face.AudioEndTime is not null),
            ("sound_insert_time", face.AudioInsertTime is not null),
            ("sound_volume", face.AudioVolume is not null),
            ("original_audio_volume", face.OriginalAudioVolume is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(LipSyncRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, LipSyncRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingAudio> LocalAudio(LipSyncRequest request)
    {
        foreach (var face in request.Faces ?? [])
        {
            if (face?.Audio is { } sound)
            {
                yield return sound;
            }
        }
    }

    /// <summary>Releases each face's local audio; allocates nothing, as every create ends here.</summary>
    protected override void ReleaseAfterCall(LipSyncRequest request)
    {
        if (request.Faces is { } faces)
        {
            for (var i = 0; i < faces.Count; i++)
            {
                faces[i]?.Audio?.Source?.ReleaseAfterCall();
            }
        }
    }

    protected override IReadOnlyList<KlingValidationError> Validate(LipSyncRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        if (string.IsNullOrWhiteSpace(request.SessionId))
        {
            add("session_id", request.SessionId is null
                ? "session_id is required: identify the video's faces first (KlingClient.IdentifyFacesAsync) and pass its SessionId."
                : "session_id is empty or blank; pass the SessionId that KlingClient.IdentifyFacesAsync returned.");
        }

        if (request.Faces is not { } faces)
        {
            add("face_choose", "face_choose is required: choose a face (a FaceId from KlingClient.IdentifyFacesAsync) and its audio.");
        }
        else
        {
            if (faces.Count == 0)
            {
                add("face_choose", "face_choose is empty; choose at least one face.");
            }
            else if (faces.Count > limits.LipSync.MaxFaces)
            {
                add("face_choose", Invariant(
                    $"face_choose has {faces.Count} faces; the limit is {limits.LipSync.MaxFaces} ({LimitsName}.LipSync.MaxFaces): Kling currently syncs one person per task."));
            }

            var chosen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < faces.Count; i++)
            {
                CheckFace(faces[i], Invariant($"face_choose[{i}]"), chosen, rules, add, prepared);
            }
        }

        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(LipSyncRequest), add);
        return errors;
    }

    private static void CheckFace(KlingFaceChoice? face, string path, HashSet<string> chosen, RequestRules rules, Action<string, string> add, PreparedRequest prepared)
    {
        if (face is null)
        {
            add(path, "the face choice is null.");
            return;
        }

        if (string.IsNullOrWhiteSpace(face.FaceId))
        {
            add(path + ".face_id", face.FaceId is null
                ? "face_id is required: a FaceId of the session (KlingFaceIdentification.Faces)."
                : "face_id is empty or blank; use a FaceId of the session (KlingFaceIdentification.Faces).");
        }
        else if (!chosen.Add(face.FaceId!))
        {
            add(path + ".face_id", $"face_id \"{face.FaceId}\" is chosen twice; choose each face once.");
        }

        AudioInputRules.CheckOneAudio(face.AudioId, face.Audio, path + ".", add);
        rules.InspectAudio(face.Audio, path + ".sound_file", MinAudioLength, MaxAudioLength, AudioRule, add, prepared);

        var start = Time(face, face.AudioStartTime, "sound_start_time", path, add);
        var end = Time(face, face.AudioEndTime, "sound_end_time", path, add);
        Time(face, face.AudioInsertTime, "sound_insert_time", path, add);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                add(path + ".sound_end_time", Invariant($"sound_end_time ({e} ms) must be after sound_start_time ({s} ms): they cut the clip out of the audio."));
            }
            else if (e - s < MinClipMilliseconds)
            {
                add(path + ".sound_end_time", Invariant($"the clip from {s} ms to {e} ms lasts {e - s} ms; Kling needs at least {MinClipMilliseconds} ms of audio."));
            }

            // Only a WAV's header gives its length; CometAPI: the clip must not be longer than the audio.
            if (prepared.FactsOf(face.Audio)?.Audio?.Duration is { } length && e > length.TotalMilliseconds)
            {
                add(path + ".sound_end_time", Invariant($"sound_end_time ({e} ms) is past the end of the audio, which lasts {length.TotalMilliseconds:0} ms."));
            }
        }

        CheckVolume(face.AudioVolume, path + ".sound_volume", add);
        CheckVolume(face.OriginalAudioVolume, path + ".original_audio_volume", add);
        if (face.AdditionalProperties is { } extra)
        {
            if (face.OriginalAudioVolume is not null && extra.ContainsKey("original_sound_volume"))
            {
                add(path + ".original_sound_volume", "original_sound_volume (CometAPI's name) and original_audio_volume (Kling's) are the same setting; set only one of them.");
            }

            foreach (var name in SetPropertyNames(face).Where(extra.ContainsKey))
            {
                add(path + "." + name, $"{nameof(KlingFaceChoice)}.AdditionalProperties has the key '{name}', which the face already sets through its typed property; remove one of them.");
            }
        }
    }

    /// <summary>
    /// A required time of the face in milliseconds: the typed value, or the same field in its extra properties
    /// (CometAPI's example sends the times as strings). Reports a missing, negative, unreadable or fractional one;
    /// returns it when known.
    /// </summary>
    private static long? Time(KlingFaceChoice face, TimeSpan? typed, string name, string path, Action<string, string> add)
    {
        if (typed is { } time && time.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            add(path + "." + name, Invariant($"{name} is {time.TotalMilliseconds} ms; Kling takes whole milliseconds."));
            return null;
        }

        long? value = typed is { } whole ? whole.Ticks / TimeSpan.TicksPerMillisecond : null;
        if (value is null && face.AdditionalProperties is { } extra && extra.TryGetValue(name, out var node))
        {
            value = ReadMilliseconds(node);
            if (value is null)
            {
                add(path + "." + name, $"{name} in AdditionalProperties is neither a whole number nor a string of digits (milliseconds).");
                return null;
            }
        }

        if (value is not { } milliseconds)
        {
            add(path + "." + name, $"{name} is required (milliseconds).");
            return null;
        }

        if (milliseconds < 0)
        {
            add(path + "." + name, Invariant($"{name} is {milliseconds} ms; it cannot be negative."));
            return null;
        }

        return milliseconds;
    }

    private static long? ReadMilliseconds(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        // A string holds the digits; any other value is read from its JSON text, whatever .NET type it was made from.
        var text = value.TryGetValue<string>(out var inner) ? inner : value.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private static void CheckVolume(double? volume, string path, Action<string, string> add)
    {
        if (volume is { } v && (!KlingValidationLimits.IsFinite(v) || v < 0 || v > MaxVolume))
        {
            var name = path.Substring(path.LastIndexOf('.') + 1);
            add(path, Invariant($"{name} is {v}; it must be a finite number from 0 to {MaxVolume} (1 keeps the volume as it is)."));
        }
    }

    /// <summary>A time as Kling's whole milliseconds (the validator has refused a fraction of one).</summary>
    private static void WriteMilliseconds(Utf8JsonWriter writer, string name, TimeSpan? value)
    {
        if (value is { } time)
        {
            writer.WriteNumber(name, time.Ticks / TimeSpan.TicksPerMillisecond);
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
