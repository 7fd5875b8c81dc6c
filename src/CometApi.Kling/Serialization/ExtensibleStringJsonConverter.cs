using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Shared JSON shape of the extensible string structs: a plain JSON string on the wire, any value accepted on read
/// (a number is taken as its text, because Kling has sent numeric-looking strings such as durations both ways).
/// </summary>
internal abstract class ExtensibleStringJsonConverter<T> : JsonConverter<T>
    where T : struct
{
    // A null status or mode reads as the default value (ToString() == ""), not as a broken response.
    public override bool HandleNull => true;

    protected abstract T FromWire(string value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => FromWire(reader.GetString()!),
            JsonTokenType.Number => FromWire(JsonText.NumberAsString(ref reader)),
            JsonTokenType.Null => default,
            _ => throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
