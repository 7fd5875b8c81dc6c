using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>One shot of a customised multi-shot video (<c>multi_prompt[]</c>).</summary>
public sealed record KlingMultiPrompt
{
    /// <summary>The shot's position, starting at 1 (<c>index</c>).</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    /// <summary>What happens in this shot (<c>prompt</c>).</summary>
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    /// <summary>The shot's length (<c>duration</c>); the shots' lengths add up to the task's duration.</summary>
    [JsonPropertyName("duration")]
    public required KlingDuration Duration { get; init; }
}
