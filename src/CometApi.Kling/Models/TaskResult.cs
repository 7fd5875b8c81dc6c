using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>What a finished task produced (<c>task_result</c>); an empty object while the task runs.</summary>
public sealed record TaskResult
{
    private readonly IReadOnlyList<KlingVideo> _videos = [];

    /// <summary>The generated videos (<c>videos</c>); empty until the task succeeded.</summary>
    /// <remarks>Never null: the source-generated reader passes null for an omitted init-only property, so null is stored as empty.</remarks>
    [JsonPropertyName("videos")]
    public IReadOnlyList<KlingVideo> Videos { get => _videos; init => _videos = value ?? []; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
