using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Kling's timestamps: Unix milliseconds as a JSON number (a numeric string is accepted too; a JSON null reads as
/// <see langword="default"/>), so a value written keeps whole milliseconds and comes back in UTC. Named by the
/// <see cref="JsonConverterAttribute"/>s of the SDK's models.
/// </summary>
internal sealed class UnixMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long milliseconds;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.Number when reader.TryGetInt64(out milliseconds):
                break;
            case JsonTokenType.Number when reader.TryGetDouble(out var fractional):
                milliseconds = (long)fractional;
                break;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out milliseconds):
                break;
            default:
                throw new JsonException($"Expected a Unix timestamp in milliseconds, got {reader.TokenType}.");
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new JsonException($"The Unix timestamp {milliseconds} ms is out of range.", ex);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}
