using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The fields every internal wire envelope shares (<c>{code, message, request_id, data}</c>); each envelope adds its
/// <c>data</c> and says when it holds what the call promised. The public <see cref="TaskResponse"/> declares them itself:
/// a public type cannot derive from an internal one.
/// </summary>
internal abstract record WireEnvelope
{
    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Message { get; init; }

    [JsonPropertyName("request_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? RequestId { get; init; }
}
