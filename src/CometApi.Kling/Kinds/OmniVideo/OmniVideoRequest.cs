using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/omni-video</c> (Kling O1, beta on CometAPI): one model for text to video,
/// first/end-frame video, reference images and elements, and editing or following a reference video. The prompt names
/// the inputs as <c>&lt;&lt;&lt;image_1&gt;&gt;&gt;</c>, <c>&lt;&lt;&lt;element_1&gt;&gt;&gt;</c> and
/// <c>&lt;&lt;&lt;video_1&gt;&gt;&gt;</c>, in list order. Every property left <see langword="null"/> is omitted.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<OmniVideoRequest>))]
public sealed record OmniVideoRequest : KlingTaskRequest
{
    /// <summary>The model (<c>model_name</c>): <c>kling-video-o1</c> (the only one on CometAPI) or, on the official host, <c>kling-v3-omni</c>.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>
    /// What the video shows (<c>prompt</c>), required unless <see cref="MultiShot"/> is on; at most 2500 characters
    /// (<see cref="KlingOmniVideoLimits.MaxPromptLength"/>).
    /// </summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>
    /// Reference images and the first/end frames (<c>image_list</c>). Images plus elements: at most 7, or 4 with a
    /// reference video; an end frame needs a first frame.
    /// </summary>
    [JsonPropertyName("image_list")]
    public IReadOnlyList<KlingOmniImage>? Images { get; set; }

    /// <summary>Elements from Kling's element library (<c>element_list</c>); counted with the images.</summary>
    [JsonPropertyName("element_list")]
    public IReadOnlyList<KlingElement>? Elements { get; set; }

    /// <summary>The reference video (<c>video_list</c>), at most one: a feature reference or the video to edit.</summary>
    [JsonPropertyName("video_list")]
    public IReadOnlyList<KlingReferenceVideo>? Videos { get; set; }

    /// <summary>Standard or professional generation (<c>mode</c>); CometAPI's default is <see cref="KlingMode.Pro"/>.</summary>
    [JsonPropertyName("mode")]
    public KlingMode? Mode { get; set; }

    /// <summary>
    /// The video's width:height (<c>aspect_ratio</c>): 16:9 (default), 9:16 or 1:1. Required unless a first frame or a
    /// <see cref="KlingVideoReferenceType.Base"/> video sets the frame.
    /// </summary>
    [JsonPropertyName("aspect_ratio")]
    public KlingAspectRatio? AspectRatio { get; set; }

    /// <summary>
    /// The video's length (<c>duration</c>, a JSON string): "3" to "10" seconds, default "5"; text only or a first frame
    /// only accept just "5" and "10", and a base video's length replaces it.
    /// </summary>
    [JsonPropertyName("duration")]
    public KlingDuration? Duration { get; set; }

    /// <summary>Whether the video is made of several shots (<c>multi_shot</c>; official Kling, kling-v3-omni).</summary>
    [JsonPropertyName("multi_shot")]
    public bool? MultiShot { get; set; }

    /// <summary>How shots are chosen when <see cref="MultiShot"/> is on (<c>shot_type</c>; official Kling).</summary>
    [JsonPropertyName("shot_type")]
    public KlingShotType? ShotType { get; set; }

    /// <summary>The shots of a customised multi-shot video (<c>multi_prompt</c>; official Kling, 1 to 6).</summary>
    [JsonPropertyName("multi_prompt")]
    public IReadOnlyList<KlingShot>? Shots { get; set; }

    /// <summary>Whether the video has generated sound (<c>sound</c>; official Kling, kling-v3-omni); must be off with a reference video.</summary>
    [JsonPropertyName("sound")]
    public KlingSound? Sound { get; set; }

    /// <summary>Whether a watermarked copy is produced too (<c>watermark_info</c>; official Kling).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.OmniVideo.OmniVideoDefinition.Instance;
}
