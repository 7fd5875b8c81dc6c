using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>An element from Kling's element library (<c>element_list[]</c>, newer models only).</summary>
public sealed record KlingElement
{
    /// <summary>The element's id (<c>element_id</c>).</summary>
    [JsonPropertyName("element_id")]
    public long ElementId { get; set; }
}
