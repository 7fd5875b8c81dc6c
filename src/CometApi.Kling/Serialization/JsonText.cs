using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Serialization;

/// <summary>Small reader helpers shared by the lenient converters.</summary>
internal static class JsonText
{
    /// <summary>The number token exactly as written, so 18-digit ids and decimals keep every digit.</summary>
    public static string NumberAsString(ref Utf8JsonReader reader) => reader.HasValueSequence
        ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
        : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
}
