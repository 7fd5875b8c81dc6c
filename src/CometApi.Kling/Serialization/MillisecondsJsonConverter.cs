using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// A time span that Kling writes as a number of milliseconds (e.g. a face's <c>start_time</c>): a JSON number, whole or
/// fractional, or a numeric string; written back as whole milliseconds when it holds no fraction of one.
/// </summary>
internal sealed class MillisecondsJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc/>
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double milliseconds;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var whole):
                milliseconds = whole;
                break;
            case JsonTokenType.Number:
                milliseconds = reader.GetDouble();
                break;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                milliseconds = parsed;
                break;
            default:
                throw new JsonException($"Expected a number of milliseconds, got {reader.TokenType}.");
        }

        if (double.IsNaN(milliseconds) || double.IsInfinity(milliseconds) || Math.Abs(milliseconds) >= TimeSpan.MaxValue.TotalMilliseconds)
        {
            throw new JsonException($"{milliseconds.ToString(CultureInfo.InvariantCulture)} ms is out of range.");
        }

        return TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        if (value.Ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            writer.WriteNumberValue(value.Ticks / TimeSpan.TicksPerMillisecond);
        }
        else
        {
            writer.WriteNumberValue(value.TotalMilliseconds);
        }
    }
}
