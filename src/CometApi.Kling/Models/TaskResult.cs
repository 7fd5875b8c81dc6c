using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>What a finished task produced (<c>task_result</c>); an empty object while the task runs.</summary>
public sealed record TaskResult
{
    /// <summary>The generated videos (<c>videos</c>); empty until the task succeeded.</summary>
    [JsonPropertyName("videos")]
    public IReadOnlyList<KlingVideo> Videos { get; init; } = [];

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
