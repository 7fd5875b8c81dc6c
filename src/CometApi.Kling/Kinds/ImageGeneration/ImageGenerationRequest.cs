using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/images/generations</c>: turn <see cref="Prompt"/> (and optionally a reference
/// <see cref="Image"/>) into 1 to 9 images. Every property left <see langword="null"/> is omitted from the request, so
/// the service applies its own default. A task of <see cref="ImageCount"/> images counts as that many tasks toward the
/// account's concurrency, and so toward <see cref="KlingResilienceOptions.MaxConcurrentTasks"/>.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<ImageGenerationRequest>))]
public sealed record ImageGenerationRequest : KlingTaskRequest
{
    /// <summary>What the images show (<c>prompt</c>), required; CometAPI documents at most 500 characters (<see cref="KlingValidationLimits.MaxPromptLength"/>).</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>
    /// What the images should avoid (<c>negative_prompt</c>); at most 200 characters on CometAPI
    /// (<see cref="KlingValidationLimits.MaxNegativePromptLength"/>). Not allowed with <see cref="Image"/> (image to image).
    /// </summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    /// <summary>The model (<c>model_name</c>); CometAPI asks for <c>kling-v3</c> and otherwise picks a legacy default.</summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>
    /// A reference image (<c>image</c>): JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("image")]
    public KlingImage? Image { get; set; }

    /// <summary>What to keep from <see cref="Image"/> (<c>image_reference</c>; official Kling); needs <see cref="Image"/>.</summary>
    [JsonPropertyName("image_reference")]
    public KlingImageReference? ImageReference { get; set; }

    /// <summary>How closely to follow <see cref="Image"/>, 0 to 1 (<c>image_fidelity</c>); the service's default is 0.5.</summary>
    [JsonPropertyName("image_fidelity")]
    public double? ImageFidelity { get; set; }

    /// <summary>How closely to keep the subject's person, 0 to 1 (<c>human_fidelity</c>; official Kling); only with <see cref="KlingImageReference.Subject"/>.</summary>
    [JsonPropertyName("human_fidelity")]
    public double? HumanFidelity { get; set; }

    /// <summary>Elements from the element library (<c>element_list</c>; official Kling); elements and reference images together at most 10.</summary>
    [JsonPropertyName("element_list")]
    public IReadOnlyList<KlingElement>? Elements { get; set; }

    /// <summary>The images' resolution (<c>resolution</c>; official Kling); the service's default is <see cref="KlingImageResolution.OneK"/>.</summary>
    [JsonPropertyName("resolution")]
    public KlingImageResolution? Resolution { get; set; }

    /// <summary>How many images to generate, 1 to 9 (<c>n</c>); the service's default is 1. Each counts as one concurrent task.</summary>
    [JsonPropertyName("n")]
    public int? ImageCount { get; set; }

    /// <summary>The images' width:height (<c>aspect_ratio</c>); the service's default is 16:9 (<see cref="KlingImageGenerationLimits.AllowedAspectRatios"/>).</summary>
    [JsonPropertyName("aspect_ratio")]
    public KlingAspectRatio? AspectRatio { get; set; }

    /// <summary>Whether watermarked copies are produced too (<c>watermark_info</c>; official Kling).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>; listed by official Kling, not on CometAPI's page).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.ImageGeneration.ImageGenerationDefinition.Instance;
}
