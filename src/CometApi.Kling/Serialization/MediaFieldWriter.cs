using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Drives a kind's body writer to its end for a JSON converter: each local medium the writer hands back is written
/// in place, read synchronously (the client streams it instead).
/// </summary>
internal static class MediaFieldWriter
{
    /// <summary>Chunk size used when a whole request is written synchronously (e.g. by <c>JsonSerializer</c>).</summary>
    private const int SynchronousChunkSize = 16 * 1024;

    /// <summary>Drives a body writer to its end, writing each local medium's value synchronously (for a JSON converter).</summary>
    public static void WriteWhole(Utf8JsonWriter writer, IEnumerable<ImageSource> parts)
    {
        foreach (var source in parts)
        {
            source.WriteValueAsync(writer, SynchronousChunkSize, flush: false, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
