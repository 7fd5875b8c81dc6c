using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/advanced-lip-sync</c>: make a face of a video speak an audio. First find the
/// faces with <see cref="KlingClient.IdentifyFacesAsync"/> (a billed, synchronous call), then name its
/// <see cref="KlingFaceIdentification.SessionId"/> here and choose a face in <see cref="Faces"/>. Every property
/// left <see langword="null"/> is omitted from the request. The properties are settable (also from C# 7.3); do not
/// change a request while a call that was given it is running.
/// </summary>
/// <remarks>
/// CometAPI documents this create but not how to query the task it makes: the SDK queries
/// <c>GET kling/v1/videos/advanced-lip-sync/{task_id}</c>, the create path plus the id, as the official host does
/// (kling-catalogue §3.7, UNCONFIRMED on CometAPI). The official host finds these tasks by <c>task_id</c> only, not by
/// <c>external_task_id</c>. Extra fields of the request go in <see cref="KlingTaskRequest.AdditionalProperties"/>; a face's
/// own go in <see cref="KlingFaceChoice.AdditionalProperties"/>.
/// </remarks>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<LipSyncRequest>))]
public sealed record LipSyncRequest : KlingTaskRequest
{
    /// <summary>The face identification's session (<c>session_id</c>), required: <see cref="KlingFaceIdentification.SessionId"/>.</summary>
    [JsonPropertyName("session_id")]
    public string? SessionId { get; set; }

    /// <summary>
    /// The faces to sync and their audio (<c>face_choose</c>), required, at least one; Kling currently syncs one person per
    /// task (<see cref="KlingLipSyncLimits.MaxFaces"/>).
    /// </summary>
    [JsonPropertyName("face_choose")]
    public IReadOnlyList<KlingFaceChoice>? Faces { get; set; }

    /// <summary>Whether a watermarked copy is produced too (<c>watermark_info</c>; official Kling, not on CometAPI's page).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.LipSync.LipSyncDefinition.Instance;
}
