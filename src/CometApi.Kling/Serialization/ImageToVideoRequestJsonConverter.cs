using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends. Requests are write-only:
/// they may hold images that are not JSON (files, streams), so reading one back throws <see cref="NotSupportedException"/>.
/// Named by the <see cref="JsonConverterAttribute"/>s of the SDK's models, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImageToVideoRequestJsonConverter : JsonConverter<ImageToVideoRequest>
{
    /// <inheritdoc/>
    public override ImageToVideoRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ImageToVideoRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImageToVideoRequest value, JsonSerializerOptions options) =>
        ImageToVideoRequestWriter.Write(writer, value);
}
