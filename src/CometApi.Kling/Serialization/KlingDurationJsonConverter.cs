using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads and writes <see cref="KlingDuration"/> as its wire string, keeping unknown values; a JSON null reads as the default value.
/// Named by the <see cref="JsonConverterAttribute"/> on <see cref="KlingDuration"/>, and public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KlingDurationJsonConverter : JsonConverter<KlingDuration>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override KlingDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtensibleStringJson.Read(ref reader, nameof(KlingDuration)) is { } value ? new KlingDuration(value) : default;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, KlingDuration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
