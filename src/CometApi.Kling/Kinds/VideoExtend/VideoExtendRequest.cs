using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/video-extend</c>: continue a generated video by about 4 to 5 seconds. The new
/// task runs on the parent task's account; model and mode follow the parent video, and an extended video may last at
/// most 3 minutes. Every property left <see langword="null"/> is omitted from the request.
/// </summary>
/// <remarks>
/// This route takes no <c>external_task_id</c> (neither CometAPI's page nor the official one lists it), so the client
/// sends none and cannot look the task up after an ambiguous failure: such a create is sent once and thrown as a
/// <see cref="KlingAmbiguousCreateException"/>, never sent again (it could make a second, paid task).
/// </remarks>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<VideoExtendRequest>))]
public sealed record VideoExtendRequest : KlingTaskRequest
{
    /// <summary>
    /// The id of the parent task (<c>task_id</c>). CometAPI's newer page asks for it with <see cref="VideoId"/>; the
    /// official API and CometAPI's older page have no such field. Set it on CometAPI; leave it unset on the official host.
    /// </summary>
    [JsonPropertyName("task_id")]
    public string? ParentTaskId { get; set; }

    /// <summary>
    /// The video to continue (<c>video_id</c>): <see cref="KlingVideo.Id"/> of a text-to-video, image-to-video or earlier
    /// extension result. Required. Extend it soon: the parent's resources expire (30 days on Kling, possibly sooner).
    /// </summary>
    [JsonPropertyName("video_id")]
    public string? VideoId { get; set; }

    /// <summary>What happens next (<c>prompt</c>), optional; at most 500 characters on CometAPI (<see cref="KlingValidationLimits.MaxPromptLength"/>).</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>What the continuation should avoid (<c>negative_prompt</c>); at most <see cref="KlingValidationLimits.MaxNegativePromptLength"/> characters.</summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    /// <summary>How closely to follow the prompt, 0 to 1 (<c>cfg_scale</c>); the service's default is 0.5.</summary>
    [JsonPropertyName("cfg_scale")]
    public double? CfgScale { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.VideoExtend.VideoExtendDefinition.Instance;
}
