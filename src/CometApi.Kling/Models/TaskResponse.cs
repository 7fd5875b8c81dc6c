using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>The service's answer about one task (<c>{code, message, request_id, data}</c>) from create and query.</summary>
public sealed record TaskResponse : IKlingEnvelope
{
    /// <summary>The service's result code (<c>code</c>); always 0 here, because a non-zero code is thrown as <see cref="KlingApiException"/>.</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>The service's message (<c>message</c>), free text such as <c>"success"</c> or <c>"SUCCEED"</c>.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Message { get; init; }

    /// <summary>The service's id for this request (<c>request_id</c>), worth quoting to support; CometAPI sometimes omits it.</summary>
    [JsonPropertyName("request_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? RequestId { get; init; }

    /// <summary>The task (<c>data</c>).</summary>
    [JsonPropertyName("data")]
    public TaskData Data { get; init; } = new();

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc/>
    bool IKlingEnvelope.HasData => !string.IsNullOrEmpty(Data?.TaskId);
}
