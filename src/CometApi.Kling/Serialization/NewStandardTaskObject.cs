using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// A task in Kling's new-standard shape (<c>{id, status, message, create_time, update_time, external_id, outputs[],
/// billing[]}</c>), as its callbacks carry it, read with the same converters as the legacy task object.
/// </summary>
internal sealed record NewStandardTaskObject
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Id { get; init; }

    [JsonPropertyName("status")]
    public KlingTaskStatus Status { get; init; }

    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? Message { get; init; }

    [JsonPropertyName("external_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? ExternalId { get; init; }

    [JsonPropertyName("create_time")]
    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    public DateTimeOffset CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    public DateTimeOffset UpdateTime { get; init; }

    /// <summary><c>outputs</c>, <c>billing</c> and whatever else arrived, kept as it was.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}
