using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.TextToVideo;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends; requests are write-only, so
/// reading one back throws <see cref="NotSupportedException"/>. Public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TextToVideoRequestJsonConverter : JsonConverter<TextToVideoRequest>
{
    /// <inheritdoc/>
    public override TextToVideoRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("TextToVideoRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TextToVideoRequest value, JsonSerializerOptions options)
    {
        // A text-to-video body has no local media: Write writes it whole and yields nothing.
        foreach (var unused in TextToVideoDefinition.Write(writer, value, externalTaskId: null))
        {
        }
    }
}
