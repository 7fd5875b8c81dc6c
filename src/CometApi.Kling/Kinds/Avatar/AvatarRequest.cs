using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/avatar/image2video</c>: make <see cref="Image"/> (a face) speak an audio, given
/// as <see cref="AudioId"/> or <see cref="Audio"/> (exactly one). Every property left <see langword="null"/> is
/// omitted from the request, so the service applies its own default. The properties are settable (also from C# 7.3); do
/// not change a request while a call that was given it is running.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<AvatarRequest>))]
public sealed record AvatarRequest : KlingTaskRequest
{
    /// <summary>
    /// The face to animate (<c>image</c>), required: JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image")]
    public KlingImage? Image { get; set; }

    /// <summary>
    /// The speech as the id of an audio Kling generated (<c>audio_id</c>, e.g. from its text-to-speech, at most 30 days
    /// old); set this or <see cref="Audio"/>, not both. Its length (2 to 60 s on CometAPI) cannot be checked here.
    /// </summary>
    [JsonPropertyName("audio_id")]
    public string? AudioId { get; set; }

    /// <summary>
    /// The speech as an audio file (<c>sound_file</c>): MP3, WAV, M4A or AAC, at most 5 MB, lasting
    /// <see cref="KlingAvatarLimits.MinAudioLength"/> to <see cref="KlingAvatarLimits.MaxAudioLength"/>
    /// (2 to 60 s on CometAPI; the length is checked for local WAV files); set this or <see cref="AudioId"/>, not both.
    /// Audio from <see cref="KlingAudio.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("sound_file")]
    public KlingAudio? Audio { get; set; }

    /// <summary>
    /// What the avatar does while speaking (<c>prompt</c>), at most 2500 characters. Required on CometAPI, whose newer
    /// documentation says requests without it are rejected (<see cref="KlingAvatarLimits.RequirePrompt"/>);
    /// optional on the official Kling API.
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); the service's default is <see cref="KlingMode.Standard"/>.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>Whether a watermarked copy is produced too (<c>watermark_info</c>; official Kling, not on CometAPI's page).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.Avatar.AvatarDefinition.Instance;
}
