using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.TextToVideo;

namespace CometApi.Kling.Serialization;

/// <summary>Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends; requests are write-only.</summary>
internal sealed class TextToVideoRequestJsonConverter : JsonConverter<TextToVideoRequest>
{
    public override TextToVideoRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("TextToVideoRequest is written to the API, never read back from JSON.");

    public override void Write(Utf8JsonWriter writer, TextToVideoRequest value, JsonSerializerOptions options)
    {
        // A text-to-video body has no local media, so WriteParts yields nothing and writes it whole.
        foreach (var unused in TextToVideoDefinition.Write(writer, value, externalTaskId: null))
        {
        }
    }
}
