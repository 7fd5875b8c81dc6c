using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Writes <see cref="KlingTaskKind"/> as its short name (<see cref="KlingTaskKind.Name"/>, e.g. <c>"text2video"</c>) and
/// reads a short name or a route (<c>"videos/text2video"</c>, as earlier versions wrote it), keeping unknown values; a JSON
/// null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingTaskKind"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingTaskKindJsonConverter : JsonConverter<KlingTaskKind>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingTaskKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingTaskKind)) is { } value ? new KlingTaskKind(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingTaskKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
