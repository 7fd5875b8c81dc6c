using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/audio/text-to-audio</c>: turn <see cref="Prompt"/> into a sound lasting
/// <see cref="Duration"/>. The result is <see cref="TaskResult.Audios"/>, each offered as MP3 and WAV. Every property left
/// <see langword="null"/> is omitted from the request.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<TextToAudioRequest>))]
public sealed record TextToAudioRequest : KlingTaskRequest
{
    /// <summary>
    /// What the sound is (<c>prompt</c>), required; CometAPI and Kling document at most 200 characters
    /// (<see cref="KlingTextToAudioLimits.MaxPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>
    /// The sound's length (<c>duration</c>, sent as a number of seconds such as <c>5</c> or <c>7.5</c>), required: 3 to
    /// 10 seconds in tenths of a second (<see cref="KlingTextToAudioLimits.MinDuration"/>, <see cref="KlingTextToAudioLimits.MaxDuration"/>),
    /// e.g. <c>TimeSpan.FromSeconds(7.5)</c>.
    /// </summary>
    [JsonPropertyName("duration")]
    public TimeSpan? Duration { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.TextToAudio.TextToAudioDefinition.Instance;
}
