using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads and writes <see cref="KlingVideoReferType"/> as its wire string, keeping unknown values; a JSON null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingVideoReferType"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingVideoReferTypeJsonConverter : JsonConverter<KlingVideoReferType>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingVideoReferType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingVideoReferType)) is { } value ? new KlingVideoReferType(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingVideoReferType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
