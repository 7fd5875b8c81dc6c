using System.Text.Json;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Shared JSON shape of the extensible string structs: a plain JSON string on the wire, any value accepted on read
/// (a number is taken as its text, because Kling has sent numeric-looking strings such as durations both ways).
/// The converters are public (so a user's own source-generated context can use them) and sealed; this helper is not.
/// </summary>
internal static class ExtensibleStringJson
{
    /// <summary>The wire value, or <see langword="null"/> for a JSON null (read as the default value, <c>ToString() == ""</c>, not as a broken response).</summary>
    public static string? Read(ref Utf8JsonReader reader, string typeName) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => JsonText.NumberAsString(ref reader),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string for {typeName}, got {reader.TokenType}."),
        };
}
