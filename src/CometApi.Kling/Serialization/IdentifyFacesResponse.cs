using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>The identify-face answer's envelope (<c>{code, message, request_id, data}</c>); the client hands out its <c>data</c>.</summary>
internal sealed record IdentifyFacesResponse : IKlingEnvelope
{
    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Message { get; init; }

    [JsonPropertyName("request_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? RequestId { get; init; }

    [JsonPropertyName("data")]
    public KlingFaceIdentification? Data { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A session id is what the lip-sync needs: an answer without one is not usable.</summary>
    bool IKlingEnvelope.HasData => !string.IsNullOrEmpty(Data?.SessionId);
}
