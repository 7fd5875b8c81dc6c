using System.Globalization;
using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/advanced-lip-sync</c> (docs/kling-catalogue.md section 3.7) that
/// the body alone decides: a session id, at least one face choice with a face id, exactly one audio (2 to 60 s), a clip
/// of at least 2 s, an insert time and volumes from 0 to 2. Times are accepted as numbers (official) or digit strings
/// (CometAPI's example), the original sound's volume under either name. Whether the session and face exist for the
/// caller's key is checked by <see cref="SyncRoutes"/>, which holds the sessions.
/// </summary>
internal static class LipSyncChecker
{
    private const long MinClipMilliseconds = 2000;
    private const double MinAudioSeconds = 2;
    private const double MaxAudioSeconds = 60;
    private const double MaxVolume = 2;

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        if (Get(body, "session_id") is not { ValueKind: JsonValueKind.String } session || string.IsNullOrWhiteSpace(session.GetString()))
        {
            return "session_id is required: identify the faces first with videos/identify-face";
        }

        if (Get(body, "face_choose") is not { ValueKind: JsonValueKind.Array } faces || faces.GetArrayLength() == 0)
        {
            return "face_choose is required: a non-empty array of {face_id, audio_id or sound_file, sound_start_time, sound_end_time, sound_insert_time}";
        }

        var problem = CheckObjects(faces, "face_choose", "an array", "an object", CheckFace);
        return problem ?? Accept(body, DefaultDuration, prompt: null, out fields);
    }

    /// <summary>A time in ms, sent as a whole number or a string of digits; null when missing or unreadable.</summary>
    internal static long? Milliseconds(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var ms) => ms,
        { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) => ms,
        _ => null,
    };

    private static string? CheckFace(JsonElement face, string field)
    {
        if (Get(face, "face_id") is not { ValueKind: JsonValueKind.String } faceId || string.IsNullOrWhiteSpace(faceId.GetString()))
        {
            return $"invalid {field}.face_id: required, a face_id from videos/identify-face";
        }

        var audioId = Get(face, "audio_id");
        var soundFile = Get(face, "sound_file");
        if (CheckOneOf(audioId, soundFile, $"invalid {field}: audio_id or sound_file is required", $"invalid {field}: audio_id and sound_file are mutually exclusive, send only one") is { } audio)
        {
            return audio;
        }

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        long start = 0;
        long end = 0;
        var problem = CheckAudioId(audioId, field + ".audio_id")
            ?? CheckSoundFile(field + ".sound_file", soundFile, MinAudioSeconds, MaxAudioSeconds)
            ?? CheckTime(face, field, "sound_start_time", out start)
            ?? CheckTime(face, field, "sound_end_time", out end)
            ?? CheckTime(face, field, "sound_insert_time", out _);
        if (problem is not null)
        {
            return problem;
        }

        if (end <= start)
        {
            return $"invalid {field}.sound_end_time: {end} must be greater than sound_start_time {start}";
        }

        if (end - start < MinClipMilliseconds)
        {
            return $"invalid {field}.sound_end_time: the audio clip lasts {end - start} ms, at least {MinClipMilliseconds} ms are required";
        }

        return CheckVolume(face, field, "sound_volume")
            ?? CheckVolume(face, field, "original_audio_volume")
            ?? CheckVolume(face, field, "original_sound_volume");
    }

    private static string? CheckTime(JsonElement face, string field, string name, out long milliseconds)
    {
        milliseconds = 0;
        var value = Get(face, name);
        if (value is null)
        {
            return $"invalid {field}.{name}: required, in milliseconds";
        }

        if (Milliseconds(value) is not { } ms)
        {
            return $"invalid {field}.{name}: must be a whole number of milliseconds, got {value.Value.GetRawText()}";
        }

        milliseconds = ms;
        return ms < 0 ? $"invalid {field}.{name}: {ms} is negative" : null;
    }

    private static string? CheckVolume(JsonElement face, string field, string name)
    {
        if (Get(face, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and <= MaxVolume
            ? null
            : $"invalid {field}.{name}: must be a number from 0 to 2, got {value.GetRawText()}";
    }
}
