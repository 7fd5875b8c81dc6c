using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.LipSyncRequest>;

namespace CometApi.Kling.Kinds.LipSync;

/// <summary>
/// Lip-sync (<c>videos/advanced-lip-sync</c>): its wire fields and rules (kling-catalogue §3.7). The session comes from
/// the synchronous identify-face call (<c>KlingClient.IdentifyFacesAsync</c>, <see cref="IdentifyFacesCall"/>).
/// </summary>
internal sealed class LipSyncDefinition() : KlingTaskDefinition<LipSyncRequest>(
    KlingTaskKind.LipSync,
    "lip-sync",
    [
        Text("session_id", static r => r.SessionId),
        List("face_choose", static r => r.Faces, Face),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ])
{
    // Kling's own rules, the same on CometAPI's page and the official one (not a host's limit, so not configurable).
    internal const long MinClipMilliseconds = 2000;
    internal static readonly TimeSpan MinAudioLength = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan MaxAudioLength = TimeSpan.FromSeconds(60);
    internal const double MaxVolume = 2;

    private const string AudioRule = "Kling's range for lip-sync audio";

    /// <summary>A <c>face_choose</c> item, times as JSON numbers of whole milliseconds, its own extra fields after the typed ones.</summary>
    private static readonly WireObject<KlingFaceChoice> Face = new(
        [
            Wire<KlingFaceChoice>.Text("face_id", static face => face.FaceId),
            Wire<KlingFaceChoice>.Text("audio_id", static face => face.AudioId),
            Wire<KlingFaceChoice>.Audio("sound_file", static face => face.Audio),
            Wire<KlingFaceChoice>.Milliseconds("sound_start_time", static face => face.AudioStartTime),
            Wire<KlingFaceChoice>.Milliseconds("sound_end_time", static face => face.AudioEndTime),
            Wire<KlingFaceChoice>.Milliseconds("sound_insert_time", static face => face.AudioInsertTime),
            Wire<KlingFaceChoice>.Number("sound_volume", static face => face.AudioVolume),
            Wire<KlingFaceChoice>.Number("original_audio_volume", static face => face.OriginalAudioVolume),
        ],
        static face => face.AdditionalProperties);

    public static LipSyncDefinition Instance { get; } = new();

    protected override void Validate(LipSyncRequest request, RequestRules rules)
    {
        rules.Require(
            request.SessionId,
            "session_id",
            "session_id is required: identify the video's faces first (KlingClient.IdentifyFacesAsync) and pass its SessionId.",
            "session_id is empty or blank; pass the SessionId that KlingClient.IdentifyFacesAsync returned.");

        if (request.Faces is not { } faces)
        {
            rules.Add("face_choose", "face_choose is required: choose a face (a FaceId from KlingClient.IdentifyFacesAsync) and its audio.");
            return;
        }

        var maxFaces = rules.Limits.LipSync.MaxFaces;
        if (faces.Count == 0)
        {
            rules.Add("face_choose", "face_choose is empty; choose at least one face.");
        }
        else if (faces.Count > maxFaces)
        {
            rules.Add("face_choose", Invariant(
                $"face_choose has {faces.Count} faces; the limit is {maxFaces} ({LimitsName}.LipSync.MaxFaces): Kling currently syncs one person per task."));
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < faces.Count; i++)
        {
            if (rules.Item(faces, i, "face_choose", "face choice", out var face, out var path))
            {
                CheckFace(face, path, chosen, rules);
            }
        }
    }

    private static void CheckFace(KlingFaceChoice face, string path, HashSet<string> chosen, RequestRules rules)
    {
        if (rules.Require(
                face.FaceId,
                path + ".face_id",
                "face_id is required: a FaceId of the session (KlingFaceIdentification.Faces).",
                "face_id is empty or blank; use a FaceId of the session (KlingFaceIdentification.Faces).")
            && !chosen.Add(face.FaceId!))
        {
            rules.Add(path + ".face_id", $"face_id \"{face.FaceId}\" is chosen twice; choose each face once.");
        }

        rules.CheckOneAudio(face.AudioId, face.Audio, path + ".");
        rules.InspectAudio(face.Audio, path + ".sound_file", MinAudioLength, MaxAudioLength, AudioRule);

        var start = Time(face, face.AudioStartTime, "sound_start_time", path, rules);
        var end = Time(face, face.AudioEndTime, "sound_end_time", path, rules);
        Time(face, face.AudioInsertTime, "sound_insert_time", path, rules);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                rules.Add(path + ".sound_end_time", Invariant($"sound_end_time ({e} ms) must be after sound_start_time ({s} ms): they cut the clip out of the audio."));
            }
            else if (e - s < MinClipMilliseconds)
            {
                rules.Add(path + ".sound_end_time", Invariant($"the clip from {s} ms to {e} ms lasts {e - s} ms; Kling needs at least {MinClipMilliseconds} ms of audio."));
            }

            // Only a WAV's header gives its length; CometAPI: the clip must not be longer than the audio.
            if (rules.Prepared?.FactsOf(face.Audio)?.Audio?.Duration is { } length && e > length.TotalMilliseconds)
            {
                rules.Add(path + ".sound_end_time", Invariant($"sound_end_time ({e} ms) is past the end of the audio, which lasts {length.TotalMilliseconds:0} ms."));
            }
        }

        CheckVolume(face.AudioVolume, path + ".sound_volume", rules);
        CheckVolume(face.OriginalAudioVolume, path + ".original_audio_volume", rules);
        if (face.OriginalAudioVolume is not null && face.AdditionalProperties?.ContainsKey("original_sound_volume") == true)
        {
            rules.Add(path + ".original_sound_volume", "original_sound_volume (CometAPI's name) and original_audio_volume (Kling's) are the same setting; set only one of them.");
        }

        rules.CheckAdditionalProperties(face, Face, path + ".", nameof(KlingFaceChoice), "the face");
    }

    /// <summary>
    /// A required time of the face in milliseconds: the typed value, or the same field in its extra properties
    /// (CometAPI's example sends the times as strings). Reports a missing, negative, unreadable or fractional one;
    /// returns it when known.
    /// </summary>
    private static long? Time(KlingFaceChoice face, TimeSpan? typed, string name, string path, RequestRules rules)
    {
        if (typed is { } time && time.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            rules.Add(path + "." + name, Invariant($"{name} is {time.TotalMilliseconds} ms; Kling takes whole milliseconds."));
            return null;
        }

        long? value = typed is { } whole ? whole.Ticks / TimeSpan.TicksPerMillisecond : null;
        if (value is null && face.AdditionalProperties is { } extra && extra.TryGetValue(name, out var node))
        {
            value = ReadMilliseconds(node);
            if (value is null)
            {
                rules.Add(path + "." + name, $"{name} in AdditionalProperties is neither a whole number nor a string of digits (milliseconds).");
                return null;
            }
        }

        if (value is not { } milliseconds)
        {
            rules.Add(path + "." + name, $"{name} is required (milliseconds).");
            return null;
        }

        if (milliseconds < 0)
        {
            rules.Add(path + "." + name, Invariant($"{name} is {milliseconds} ms; it cannot be negative."));
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

    private static void CheckVolume(double? volume, string path, RequestRules rules)
    {
        if (volume is { } v && (!KlingValidationLimits.IsFinite(v) || v < 0 || v > MaxVolume))
        {
            var name = path.Substring(path.LastIndexOf('.') + 1);
            rules.Add(path, Invariant($"{name} is {v}; it must be a finite number from 0 to {MaxVolume} (1 keeps the volume as it is)."));
        }
    }
}
