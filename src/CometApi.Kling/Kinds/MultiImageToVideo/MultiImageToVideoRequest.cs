using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/multi-image2video</c>: one video from several images (<see cref="Images"/>)
/// and a <see cref="Prompt"/>. Every property left <see langword="null"/> is omitted from the request, so the service
/// applies its own default. The properties are settable (also from C# 7.3); do not change a request while a call that
/// was given it is running.
/// </summary>
/// <remarks>
/// CometAPI's page also lists <c>static_mask</c> and <c>dynamic_masks</c>, with the same text as image to video; the
/// official page does not, so they are not typed here (the catalogue marks them unconfirmed). Send them through
/// <see cref="KlingTaskRequest.AdditionalProperties"/> if your host takes them.
/// </remarks>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<MultiImageToVideoRequest>))]
public sealed record MultiImageToVideoRequest : KlingTaskRequest
{
    /// <summary>The model (<c>model_name</c>); the service's default, and the only documented value, is <see cref="KlingModel.KlingV16"/>.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>
    /// The images (<c>image_list</c>), required: 2 to 4 on CometAPI, 1 to 4 on the official API
    /// (<see cref="KlingMultiImageToVideoLimits.MinImageCount"/>, <see cref="KlingMultiImageToVideoLimits.MaxImageCount"/>);
    /// each JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// </summary>
    [JsonPropertyName("image_list")]
    public IReadOnlyList<KlingImageListItem>? Images { get; set; }

    /// <summary>
    /// What the video shows (<c>prompt</c>), required; CometAPI documents at most 500 characters, counted as Unicode scalar
    /// values (<see cref="KlingValidationLimits.MaxPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>What the video should avoid (<c>negative_prompt</c>); at most 200 characters on CometAPI (<see cref="KlingValidationLimits.MaxNegativePromptLength"/>).</summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); the service's default is <see cref="KlingMode.Standard"/>.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>The video's length (<c>duration</c>, a JSON string); the service's default is <see cref="KlingDuration.Five"/>.</summary>
    [JsonPropertyName("duration")]
    public KlingDuration? Duration { get; set; }

    /// <summary>
    /// The video's width:height (<c>aspect_ratio</c>; official Kling: 16:9, the default, 9:16 or 1:1; CometAPI's page does not
    /// list it); checked against <see cref="KlingValidationLimits.AllowedAspectRatios"/>.
    /// </summary>
    [JsonPropertyName("aspect_ratio")]
    public KlingAspectRatio? AspectRatio { get; set; }

    /// <summary>How closely to follow the prompt, 0 to 1 (<c>cfg_scale</c>); kling-v2.x models do not support it, so the validator refuses it with one.</summary>
    [JsonPropertyName("cfg_scale")]
    public double? CfgScale { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <summary>Whether a watermarked copy is produced too (<c>watermark_info</c>; official Kling).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.MultiImageToVideo.MultiImageToVideoDefinition.Instance;
}
