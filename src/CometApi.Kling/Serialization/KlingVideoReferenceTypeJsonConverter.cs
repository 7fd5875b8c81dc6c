using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads and writes <see cref="KlingVideoReferenceType"/> as its wire string, keeping unknown values; a JSON null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingVideoReferenceType"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingVideoReferenceTypeJsonConverter : JsonConverter<KlingVideoReferenceType>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingVideoReferenceType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingVideoReferenceType)) is { } value ? new KlingVideoReferenceType(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingVideoReferenceType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
