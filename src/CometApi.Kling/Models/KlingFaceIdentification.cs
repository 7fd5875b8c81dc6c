using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The faces Kling found in a video (<c>data</c> of <c>POST kling/v1/videos/identify-face</c>): the session a lip-sync
/// names (<see cref="LipSyncRequest.SessionId"/>) and the faces it may choose.
/// </summary>
/// <remarks>A session lasts 24 hours according to one gateway's documentation; neither Kling nor CometAPI states it.</remarks>
public sealed record KlingFaceIdentification
{
    private readonly IReadOnlyList<KlingFace> _faces = [];

    /// <summary>The session's id (<c>session_id</c>), for <see cref="LipSyncRequest.SessionId"/>.</summary>
    [JsonPropertyName("session_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? SessionId { get; init; }

    /// <summary>The faces found (<c>face_data</c>), empty (never null) when there are none.</summary>
    [JsonPropertyName("face_data")]
    public IReadOnlyList<KlingFace> Faces
    {
        get => _faces;

        // The source-generated reader passes null for a missing or null "face_data".
        init => _faces = value ?? [];
    }

    /// <summary>Fields this SDK does not know yet, kept as they arrived (the official host adds <c>final_unit_deduction</c>, ...).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
