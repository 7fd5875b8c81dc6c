using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.Effects;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends. Requests are write-only:
/// they may hold images that are not JSON (files, streams), so reading one back throws <see cref="NotSupportedException"/>.
/// Public so that your own source-generated <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EffectsRequestJsonConverter : JsonConverter<EffectsRequest>
{
    /// <inheritdoc/>
    public override EffectsRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("EffectsRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EffectsRequest value, JsonSerializerOptions options) =>
        ImageListWriter.WriteSynchronously(writer, EffectsDefinition.Write(writer, value, externalTaskId: null));
}
