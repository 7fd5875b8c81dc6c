using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// One page of the list endpoint (<c>{code, message, request_id, data: [...]}</c>), a wire-only envelope:
/// <see cref="KlingClient.ListTasksAsync"/> hands out each task as a <see cref="TaskResponse"/> carrying the page's
/// request id and message.
/// </summary>
internal sealed record TaskListResponse : IKlingEnvelope
{
    /// <summary>The service's result code (<c>code</c>); always 0 here, because a non-zero code is thrown as <see cref="KlingApiException"/>.</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>The service's message (<c>message</c>), free text.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Message { get; init; }

    /// <summary>The service's id for this request (<c>request_id</c>), if it sent one.</summary>
    [JsonPropertyName("request_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? RequestId { get; init; }

    private readonly IReadOnlyList<TaskData> _data = [];

    /// <summary>The tasks on this page (<c>data</c>), newest first as the service orders them; never null.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<TaskData> Data
    {
        get => _data;

        // A gateway written in Go sends an empty page as "data": null; the generated reader passes null for a missing field.
        init => _data = value ?? [];
    }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc/>
    bool IKlingEnvelope.HasData => true;
}
