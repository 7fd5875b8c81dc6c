using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends. Requests are write-only:
/// they may hold images that are not JSON (files, streams), so reading one back is not supported.
/// </summary>
internal sealed class ImageToVideoRequestJsonConverter : JsonConverter<ImageToVideoRequest>
{
    public override ImageToVideoRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ImageToVideoRequest is written to the API, never read back from JSON.");

    public override void Write(Utf8JsonWriter writer, ImageToVideoRequest value, JsonSerializerOptions options) =>
        ImageToVideoRequestWriter.Write(writer, value);
}
