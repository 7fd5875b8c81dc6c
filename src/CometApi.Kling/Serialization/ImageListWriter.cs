using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>What the JSON converters of the kinds with several images call to write a whole body.</summary>
internal static class ImageListWriter
{
    /// <summary>Writes a whole body from a kind's parts, reading each local image synchronously in place.</summary>
    public static void WriteSynchronously(Utf8JsonWriter writer, IEnumerable<ImageSource> parts) => MediaFieldWriter.WriteWhole(writer, parts);
}
