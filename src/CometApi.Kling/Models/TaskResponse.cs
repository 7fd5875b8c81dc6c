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
    // A wrapped omni-video answer (Serialization.WrappedTaskAnswer) may carry its task id only in the nested task.
    bool IKlingEnvelope.HasData => !string.IsNullOrEmpty(Data?.TaskId) || (Data is not null && !string.IsNullOrEmpty(Serialization.WrappedTaskAnswer.Unwrap(this).Data.TaskId));
}
