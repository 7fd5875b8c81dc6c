using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.MultiImageToVideo;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends. Requests are write-only:
/// they may hold images that are not JSON (files, streams), so reading one back throws <see cref="NotSupportedException"/>.
/// Public so that your own source-generated <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultiImageToVideoRequestJsonConverter : JsonConverter<MultiImageToVideoRequest>
{
    /// <inheritdoc/>
    public override MultiImageToVideoRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("MultiImageToVideoRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MultiImageToVideoRequest value, JsonSerializerOptions options) =>
        ImageListWriter.WriteSynchronously(writer, MultiImageToVideoDefinition.Write(writer, value, externalTaskId: null));
}
