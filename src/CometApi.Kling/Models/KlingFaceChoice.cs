using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>
/// One face of a lip-sync (<c>face_choose[]</c>): which face (from <see cref="KlingClient.IdentifyFacesAsync"/>), which
/// audio (<see cref="AudioId"/> or <see cref="Audio"/>, exactly one), which clip of that audio and where it goes in
/// the video. Times are <see cref="TimeSpan"/> values, sent as whole milliseconds.
/// </summary>
/// <remarks>
/// <para>
/// Wire form: the times are written as JSON numbers of milliseconds and the original sound's volume as <c>original_audio_volume</c>, as
/// the official Kling page types them (<c>long</c>) and names it. CometAPI's example sends the times as strings
/// (<c>"0"</c>) and names the volume <c>original_sound_volume</c> (kling-catalogue §3.7). CometAPI forwards the body to
/// Kling, whose own schema is the one that parses it, and a number is what a <c>long</c> field reads in any JSON
/// stack; the example's strings are only accepted by a lenient one. To send CometAPI's form anyway, leave the typed
/// property null and put the field in <see cref="AdditionalProperties"/> (e.g. <c>["sound_start_time"] = "0"</c>,
/// <c>["original_sound_volume"] = 1.0</c>): the validator reads the times there too.
/// </para>
/// </remarks>
public sealed record KlingFaceChoice
{
    /// <summary>The face to sync (<c>face_id</c>), required: a <see cref="KlingFace.FaceId"/> of the session.</summary>
    [JsonPropertyName("face_id")]
    public string? FaceId { get; set; }

    /// <summary>
    /// The speech as the id of an audio Kling generated (<c>audio_id</c>, e.g. text-to-speech, at most 30 days old, 2 to
    /// 60 s); set this or <see cref="Audio"/>, not both.
    /// </summary>
    [JsonPropertyName("audio_id")]
    public string? AudioId { get; set; }

    /// <summary>
    /// The speech as an audio file (<c>sound_file</c>): MP3, WAV, M4A or AAC, at most 5 MB, 2 to 60 s (the length is
    /// checked for local WAV files); set this or <see cref="AudioId"/>, not both.
    /// Audio from <see cref="KlingAudio.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("sound_file")]
    public KlingAudio? Audio { get; set; }

    /// <summary>
    /// Where the clip starts in the audio (<c>sound_start_time</c>, sent in milliseconds), required: zero or more, in whole
    /// milliseconds.
    /// </summary>
    [JsonPropertyName("sound_start_time")]
    public TimeSpan? AudioStartTime { get; set; }

    /// <summary>
    /// Where the clip ends in the audio (<c>sound_end_time</c>, sent in milliseconds), required, in whole milliseconds:
    /// at least 2 s after <see cref="AudioStartTime"/>, and not past the audio's end (checked for local WAV files).
    /// </summary>
    [JsonPropertyName("sound_end_time")]
    public TimeSpan? AudioEndTime { get; set; }

    /// <summary>
    /// Where the clip goes in the video, from its start (<c>sound_insert_time</c>, sent in milliseconds), required: zero
    /// or more, in whole milliseconds. Kling wants the clip to overlap the face's time on screen
    /// (<see cref="KlingFace.StartTime"/> to <see cref="KlingFace.EndTime"/>) by at least 2 s.
    /// </summary>
    [JsonPropertyName("sound_insert_time")]
    public TimeSpan? AudioInsertTime { get; set; }

    /// <summary>The speech's volume, 0 to 2 (<c>sound_volume</c>); the service's default is 1.</summary>
    [JsonPropertyName("sound_volume")]
    public double? AudioVolume { get; set; }

    /// <summary>
    /// The video's own sound's volume, 0 to 2 (<c>original_audio_volume</c>, the official name; CometAPI's example calls it
    /// <c>original_sound_volume</c>, which <see cref="AdditionalProperties"/> can send); the service's default is 1. No
    /// effect on a silent video.
    /// </summary>
    [JsonPropertyName("original_audio_volume")]
    public double? OriginalAudioVolume { get; set; }

    /// <summary>
    /// Extra fields of this face written as they are (e.g. CometAPI's <c>original_sound_volume</c>, or a time as a string).
    /// A key may not repeat a typed property that is set.
    /// </summary>
    [JsonIgnore]
    public IDictionary<string, JsonNode?>? AdditionalProperties { get; set; }
}
