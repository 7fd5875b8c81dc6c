using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>What a task was created with (<c>task_info</c>).</summary>
public sealed record TaskInfo
{
    /// <summary>Your own id for the task, if you gave one (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? ExternalTaskId { get; init; }

    /// <summary>The video a video-extension task continues (<c>parent_video</c>).</summary>
    [JsonPropertyName("parent_video")]
    public KlingVideo? ParentVideo { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
