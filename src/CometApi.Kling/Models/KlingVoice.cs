using System.Text.Json.Serialization;

namespace CometApi.Kling;

/// <summary>A voice the prompt can refer to as <c>&lt;&lt;&lt;voice_1&gt;&gt;&gt;</c> (<c>voice_list[]</c>, newer models only).</summary>
public sealed record KlingVoice
{
    /// <summary>
    /// The voice id from Kling's custom-voice API or its presets (<c>voice_id</c>).
    /// Required: a voice without one is reported by the validator and not sent.
    /// </summary>
    [JsonPropertyName("voice_id")]
    public string? VoiceId { get; set; }
}
