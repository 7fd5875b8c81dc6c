using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>One shot of a customised multi-shot video (<c>multi_prompt[]</c>).</summary>
public sealed record KlingShot
{
    /// <summary>The shot's position, starting at 1 (<c>index</c>).</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>What happens in this shot (<c>prompt</c>). Required: a shot without one is reported by the validator and not sent.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>The shot's length (<c>duration</c>); the shots' lengths add up to the task's duration.</summary>
    [JsonPropertyName("duration")]
    public KlingDuration Duration { get; set; }
}
