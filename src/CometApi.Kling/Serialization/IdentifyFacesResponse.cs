using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>The identify-face answer's envelope (<c>{code, message, request_id, data}</c>); the client hands out its <c>data</c>.</summary>
internal sealed record IdentifyFacesResponse : WireEnvelope, IKlingEnvelope
{
    [JsonPropertyName("data")]
    public KlingFaceIdentification? Data { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A session id is what the lip-sync needs: an answer without one is not usable.</summary>
    bool IKlingEnvelope.HasData => !string.IsNullOrEmpty(Data?.SessionId);
}
