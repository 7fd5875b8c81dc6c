using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// Generated audio (<c>task_result.audios[]</c>): text-to-audio and video-to-audio offer it as MP3 and WAV
/// (<see cref="Mp3Url"/>, <see cref="WavUrl"/>), text-to-speech as one <see cref="Url"/>. URLs are temporary.
/// </summary>
/// <remarks>
/// Two layouts are read. Kling's documentation puts a video-to-audio task's video (with its new sound) in
/// <see cref="TaskResult.Videos"/>; Kling's own client code also finds it inside the audio item
/// (<c>video_id</c>, <c>video_url</c>), kept here as <see cref="VideoId"/> and <see cref="VideoUrl"/>.
/// <see cref="KlingClient.DownloadResultsAsync"/> saves such a video once, whichever layout the service used.
/// </remarks>
public sealed record KlingGeneratedAudio
{
    /// <summary>
    /// The audio's id, as avatar and lip-sync take it (<c>id</c>; Kling's own client code reads <c>audio_id</c>, which is
    /// used when <c>id</c> is absent).
    /// </summary>
    [JsonIgnore]
    public string? Id
    {
        get => IdOnWire ?? AudioIdOnWire;
        init => IdOnWire = value;
    }

    /// <summary>The audio as MP3 (<c>url_mp3</c>).</summary>
    [JsonPropertyName("url_mp3")]
    public Uri? Mp3Url { get; init; }

    /// <summary>The audio as WAV (<c>url_wav</c>).</summary>
    [JsonPropertyName("url_wav")]
    public Uri? WavUrl { get; init; }

    /// <summary>The MP3's length in seconds as the service wrote it (<c>duration_mp3</c>).</summary>
    [JsonPropertyName("duration_mp3")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Mp3Duration { get; init; }

    /// <summary>The WAV's length in seconds as the service wrote it (<c>duration_wav</c>).</summary>
    [JsonPropertyName("duration_wav")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? WavDuration { get; init; }

    /// <summary>The audio, for routes that offer one format (<c>url</c>).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    /// <summary>Its length in seconds as the service wrote it (<c>duration</c>).</summary>
    [JsonPropertyName("duration")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Duration { get; init; }

    /// <summary>Video-to-audio: the id of the video with its new sound, when the service lists it in the audio item (<c>video_id</c>).</summary>
    [JsonPropertyName("video_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? VideoId { get; init; }

    /// <summary>Video-to-audio: the video with its new sound, when the service lists it in the audio item (<c>video_url</c>).</summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The <c>id</c> as sent; written back (first, where the service puts it) only when it was there, so an answer round-trips exactly.</summary>
    [JsonInclude]
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-1)]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    internal string? IdOnWire { get; init; }

    /// <summary>The <c>audio_id</c> Kling's own client code reads, for <see cref="Id"/> when <c>id</c> is absent.</summary>
    [JsonInclude]
    [JsonPropertyName("audio_id")]
    [JsonPropertyOrder(-1)]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    internal string? AudioIdOnWire { get; init; }
}
