using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads and writes <see cref="KlingImageReference"/> as its wire string, keeping unknown values; a JSON null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingImageReference"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingImageReferenceJsonConverter : JsonConverter<KlingImageReference>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingImageReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingImageReference)) is { } value ? new KlingImageReference(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingImageReference value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
