using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Shared JSON shape of the extensible string structs (<see cref="KlingModel"/>, <see cref="KlingTaskStatus"/>, ...):
/// a plain JSON string on the wire, any value accepted on read (a number is taken as its text, because Kling has sent
/// numeric-looking strings such as durations both ways, and unknown values are kept), and a JSON null read as the
/// default value (<c>ToString() == ""</c>), not as a broken response. Each struct's converter only says how to make one.
/// </summary>
/// <typeparam name="T">The extensible string struct.</typeparam>
internal abstract class ExtensibleStringJsonConverter<T> : JsonConverter<T>
    where T : struct
{
    /// <inheritdoc/>
    public sealed override bool HandleNull => true;

    /// <inheritdoc/>
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => Create(reader.GetString()!),
            JsonTokenType.Number => Create(JsonText.NumberAsString(ref reader)),
            JsonTokenType.Null => default,
            _ => throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}."),
        };

    /// <inheritdoc/>
    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    /// <summary>The value for a wire string.</summary>
    /// <param name="value">The wire string, any value.</param>
    /// <returns>The struct holding it.</returns>
    protected abstract T Create(string value);
}
