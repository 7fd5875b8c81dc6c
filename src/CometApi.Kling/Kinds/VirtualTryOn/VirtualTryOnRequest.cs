using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/images/kolors-virtual-try-on</c>: dress the person of <see cref="HumanImage"/> in the
/// garment of <see cref="ClothingImage"/>. Fields follow the official Kling page (kling-catalogue §4.3): CometAPI documents
/// only the query of this route and has no create page, so whether CometAPI accepts the create is unconfirmed.
/// Every property left <see langword="null"/> is omitted from the request.
/// </summary>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<VirtualTryOnRequest>))]
public sealed record VirtualTryOnRequest : KlingTaskRequest
{
    /// <summary>
    /// The model (<c>model_name</c>): <see cref="KlingModel.KolorsVirtualTryOnV1"/> (the service's default) or
    /// <see cref="KlingModel.KolorsVirtualTryOnV15"/>.
    /// </summary>
    [JsonPropertyName("model_name")]
    public KlingModel? ModelName { get; set; }

    /// <summary>
    /// The person to dress (<c>human_image</c>), required: JPEG or PNG, at most 10 MB, at least 300 px, aspect ratio 1:2.5 to 2.5:1.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("human_image")]
    public KlingImage? HumanImage { get; set; }

    /// <summary>
    /// The garment (<c>cloth_image</c>), required: a product shot or a garment on white, one upper, lower or dress piece
    /// (<see cref="KlingModel.KolorsVirtualTryOnV15"/> also takes upper + lower in one image); same file rules as
    /// <see cref="HumanImage"/>.
    /// An image from <see cref="KlingImage.FromStream"/> makes the request single-use.
    /// </summary>
    [JsonPropertyName("cloth_image")]
    public KlingImage? ClothingImage { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.VirtualTryOn.VirtualTryOnDefinition.Instance;
}
