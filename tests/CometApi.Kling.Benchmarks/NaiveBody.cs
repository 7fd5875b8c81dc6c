using System.Text.Json.Serialization;

namespace CometApi.Kling.Benchmarks;

/// <summary>The request DTO of the hand-written baseline.</summary>
public sealed class NaiveBody
{
    [JsonPropertyName("image")]
    public string Image { get; set; } = "";

    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";
}

/// <summary>Source-generated, so the baseline is not penalised by reflection.</summary>
[JsonSerializable(typeof(NaiveBody))]
internal sealed partial class NaiveJsonContext : JsonSerializerContext;
