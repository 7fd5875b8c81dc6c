using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/image2video</c>: turn <see cref="Image"/> into a video. Every property left
/// <see langword="null"/> is omitted from the request, so the service applies its own default. The properties are
/// settable (also from C# 7.3); do not change a request while a call that was given it is running.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<ImageToVideoRequest>))]
public sealed record ImageToVideoRequest : KlingTaskRequest
{
    /// <summary>
    /// The first frame (<c>image</c>): JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image")]
    public KlingImage? Image { get; set; }

    /// <summary>
    /// The last frame (<c>image_tail</c>); cannot be combined with masks or camera control.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image_tail")]
    public KlingImage? ImageTail { get; set; }

    /// <summary>
    /// What should happen in the video (<c>prompt</c>); CometAPI documents at most 500 characters, counted as Unicode
    /// scalar values (<see cref="KlingValidationLimits.MaxPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>
    /// What the video should avoid (<c>negative_prompt</c>); CometAPI documents at most 200 characters, counted as Unicode
    /// scalar values (<see cref="KlingValidationLimits.MaxNegativePromptLength"/>).
    /// </summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    /// <summary>The model (<c>model_name</c>); the service's default is <see cref="KlingModel.KlingV1"/>.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); the service's default is <see cref="KlingMode.Standard"/>.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>The video's length (<c>duration</c>, a JSON string); the service's default is <see cref="KlingDuration.Five"/>.</summary>
    [JsonPropertyName("duration")]
    public KlingDuration? Duration { get; set; }

    /// <summary>How closely to follow the prompt, 0 to 1 (<c>cfg_scale</c>); kling-v2.x models do not support it, so the validator refuses it with one.</summary>
    [JsonPropertyName("cfg_scale")]
    public double? CfgScale { get; set; }

    /// <summary>
    /// The motion-brush area that stays still (<c>static_mask</c>).
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("static_mask")]
    public KlingImage? StaticMask { get; set; }

    /// <summary>Motion-brush areas and their paths (<c>dynamic_masks</c>), at most 6.</summary>
    [JsonPropertyName("dynamic_masks")]
    public IReadOnlyList<KlingDynamicMask>? DynamicMasks { get; set; }

    /// <summary>Camera movement (<c>camera_control</c>); cannot be combined with an end frame or masks.</summary>
    [JsonPropertyName("camera_control")]
    public KlingCameraControl? CameraControl { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <summary>Whether the video has generated sound (<c>sound</c>; official Kling, newer models).</summary>
    [JsonPropertyName("sound")]
    public KlingSound? Sound { get; set; }

    /// <summary>Voices the prompt may refer to (<c>voice_list</c>; official Kling, at most 2).</summary>
    [JsonPropertyName("voice_list")]
    public IReadOnlyList<KlingVoice>? Voices { get; set; }

    /// <summary>Elements from the element library (<c>element_list</c>; official Kling, at most 3).</summary>
    [JsonPropertyName("element_list")]
    public IReadOnlyList<KlingElement>? Elements { get; set; }

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
    internal override Kinds.KlingTaskDefinition Definition => Kinds.ImageToVideo.ImageToVideoDefinition.Instance;
}
