using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/text2video</c>: turn <see cref="Prompt"/> into a video. Every property left
/// <see langword="null"/> is omitted from the request, so the service applies its own default.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<TextToVideoRequest>))]
public sealed record TextToVideoRequest : KlingTaskRequest
{
    /// <summary>
    /// What the video shows (<c>prompt</c>), required (except for a customised multi-shot video, whose shots carry their
    /// own prompts); CometAPI documents at most 500 characters (<see cref="KlingValidationLimits.MaxPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>What the video should avoid (<c>negative_prompt</c>); at most 200 characters on CometAPI (<see cref="KlingValidationLimits.MaxNegativePromptLength"/>).</summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    /// <summary>The model (<c>model_name</c>); the service's default is <see cref="KlingModel.KlingV1"/>.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>The video's width:height (<c>aspect_ratio</c>); the service's default is 16:9 (<see cref="KlingValidationLimits.AllowedAspectRatios"/>).</summary>
    [JsonPropertyName("aspect_ratio")]
    public KlingAspectRatio? AspectRatio { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); the service's default is <see cref="KlingMode.Standard"/>.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>The video's length (<c>duration</c>, a JSON string); the service's default is <see cref="KlingDuration.Five"/>.</summary>
    [JsonPropertyName("duration")]
    public KlingDuration? Duration { get; set; }

    /// <summary>How closely to follow the prompt, 0 to 1 (<c>cfg_scale</c>); kling-v2.x models do not support it, so the validator refuses it with one.</summary>
    [JsonPropertyName("cfg_scale")]
    public double? CfgScale { get; set; }

    /// <summary>Camera movement (<c>camera_control</c>); omit it to let the model choose.</summary>
    [JsonPropertyName("camera_control")]
    public KlingCameraControl? CameraControl { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <summary>Whether the video has generated sound (<c>sound</c>; official Kling, v2.6 and later).</summary>
    [JsonPropertyName("sound")]
    public KlingSound? Sound { get; set; }

    /// <summary>Voices the prompt may refer to as <c>&lt;&lt;&lt;voice_1&gt;&gt;&gt;</c> (<c>voice_list</c>; official Kling, at most 2).</summary>
    [JsonPropertyName("voice_list")]
    public IReadOnlyList<KlingVoice>? Voices { get; set; }

    /// <summary>Whether the video is made of several shots (<c>multi_shot</c>; official Kling).</summary>
    [JsonPropertyName("multi_shot")]
    public bool? MultiShot { get; set; }

    /// <summary>How shots are chosen when <see cref="MultiShot"/> is on (<c>shot_type</c>; official Kling).</summary>
    [JsonPropertyName("shot_type")]
    public KlingShotType? ShotType { get; set; }

    /// <summary>The shots of a customised multi-shot video (<c>multi_prompt</c>; official Kling, 1 to 6).</summary>
    [JsonPropertyName("multi_prompt")]
    public IReadOnlyList<KlingShot>? Shots { get; set; }

    /// <summary>Whether a watermarked copy is produced too (<c>watermark_info</c>; official Kling).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.TextToVideo.TextToVideoDefinition.Instance;
}
