using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>What a finished task produced (<c>task_result</c>); an empty object while the task runs.</summary>
/// <remarks>
/// Each list is empty (never null) when the service did not send it. Which lists a kind fills: video kinds
/// <see cref="Videos"/>, image kinds <see cref="Images"/>, audio kinds <see cref="Audios"/> (video-to-audio both).
/// </remarks>
public sealed record TaskResult
{
    private readonly IReadOnlyList<KlingVideo> _videos = [];
    private readonly IReadOnlyList<KlingGeneratedImage> _images = [];
    private readonly IReadOnlyList<KlingGeneratedAudio> _audios = [];

    /// <summary>The generated videos (<c>videos</c>).</summary>
    [JsonPropertyName("videos")]
    public IReadOnlyList<KlingVideo> Videos
    {
        get => _videos;

        // The source-generated reader passes null for a missing "videos" (e.g. "task_result": {} while processing).
        init => _videos = value ?? [];
    }

    /// <summary>The generated images (<c>images</c>), e.g. the <c>n</c> images of an image generation.</summary>
    [JsonPropertyName("images")]
    public IReadOnlyList<KlingGeneratedImage> Images
    {
        get => _images;
        init => _images = value ?? [];
    }

    /// <summary>The generated audio (<c>audios</c>), each possibly in several formats.</summary>
    [JsonPropertyName("audios")]
    public IReadOnlyList<KlingGeneratedAudio> Audios
    {
        get => _audios;
        init => _audios = value ?? [];
    }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
