using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads and writes <see cref="KlingMode"/> as its wire string, keeping unknown values; a JSON null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingMode"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingModeJsonConverter : JsonConverter<KlingMode>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingMode)) is { } value ? new KlingMode(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
