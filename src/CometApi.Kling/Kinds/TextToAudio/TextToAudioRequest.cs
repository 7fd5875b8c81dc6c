using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/audio/text-to-audio</c>: turn <see cref="Prompt"/> into a sound of <see cref="Duration"/>
/// seconds. The result is <see cref="TaskResult.Audios"/>, each offered as MP3 and WAV. Every property left
/// <see langword="null"/> is omitted from the request.
/// </summary>
[JsonConverter(typeof(TextToAudioRequestJsonConverter))]
public sealed record TextToAudioRequest : KlingTaskRequest
{
    /// <summary>
    /// What the sound is (<c>prompt</c>), required; CometAPI and Kling document at most 200 characters
    /// (<see cref="KlingValidationLimits.MaxTextToAudioPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>
    /// The sound's length in seconds (<c>duration</c>, a JSON number such as <c>5</c> or <c>7.5</c>), required: 3.0 to
    /// 10.0 with at most one decimal (<see cref="KlingValidationLimits.MinTextToAudioDuration"/>, <see cref="KlingValidationLimits.MaxTextToAudioDuration"/>).
    /// </summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.TextToAudio.TextToAudioDefinition.Instance;
}
