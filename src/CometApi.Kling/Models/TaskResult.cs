using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>What a finished task produced (<c>task_result</c>); an empty object while the task runs.</summary>
public sealed record TaskResult
{
    private readonly IReadOnlyList<KlingVideo> _videos = [];

    /// <summary>The generated videos (<c>videos</c>); empty (never null) until the task succeeded.</summary>
    [JsonPropertyName("videos")]
    public IReadOnlyList<KlingVideo> Videos
    {
        get => _videos;

        // The source-generated reader passes null for a missing "videos" (e.g. "task_result": {} while processing).
        init => _videos = value ?? [];
    }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
