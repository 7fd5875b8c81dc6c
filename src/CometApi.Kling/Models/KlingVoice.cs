using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>A voice the prompt can refer to as <c>&lt;&lt;&lt;voice_1&gt;&gt;&gt;</c> (<c>voice_list[]</c>, newer models only).</summary>
public sealed record KlingVoice
{
    /// <summary>The voice id from Kling's custom-voice API or its presets (<c>voice_id</c>).</summary>
    [JsonPropertyName("voice_id")]
    public required string VoiceId { get; init; }
}
