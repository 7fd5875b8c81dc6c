using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// Generated audio (<c>task_result.audios[]</c>): text-to-audio and video-to-audio offer it as MP3 and WAV
/// (<see cref="UrlMp3"/>, <see cref="UrlWav"/>), text-to-speech as one <see cref="Url"/>. URLs are temporary.
/// </summary>
public sealed record KlingGeneratedAudio
{
    /// <summary>The audio's id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Id { get; init; }

    /// <summary>The audio as MP3 (<c>url_mp3</c>).</summary>
    [JsonPropertyName("url_mp3")]
    public Uri? UrlMp3 { get; init; }

    /// <summary>The audio as WAV (<c>url_wav</c>).</summary>
    [JsonPropertyName("url_wav")]
    public Uri? UrlWav { get; init; }

    /// <summary>The MP3's length in seconds as the service wrote it (<c>duration_mp3</c>).</summary>
    [JsonPropertyName("duration_mp3")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? DurationMp3 { get; init; }

    /// <summary>The WAV's length in seconds as the service wrote it (<c>duration_wav</c>).</summary>
    [JsonPropertyName("duration_wav")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? DurationWav { get; init; }

    /// <summary>The audio, for routes that offer one format (<c>url</c>).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    /// <summary>Its length in seconds as the service wrote it (<c>duration</c>).</summary>
    [JsonPropertyName("duration")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Duration { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
