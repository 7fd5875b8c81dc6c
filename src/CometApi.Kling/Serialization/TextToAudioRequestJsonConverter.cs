using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.TextToAudio;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends; requests are write-only, so
/// reading one back throws <see cref="NotSupportedException"/>. Public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TextToAudioRequestJsonConverter : JsonConverter<TextToAudioRequest>
{
    /// <inheritdoc/>
    public override TextToAudioRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("TextToAudioRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TextToAudioRequest value, JsonSerializerOptions options)
    {
        // A text-to-audio body has no local media: Write writes it whole and yields nothing.
        foreach (var unused in TextToAudioDefinition.Write(writer, value, externalTaskId: null))
        {
        }
    }
}
