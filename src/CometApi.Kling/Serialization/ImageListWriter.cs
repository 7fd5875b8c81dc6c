using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// What the kinds with several images share when writing them: an image as an array item (a URL written whole, a local
/// image's source handed back for the caller to stream), and a whole body written synchronously for
/// <c>JsonSerializer</c>.
/// </summary>
internal static class ImageListWriter
{
    /// <summary>Chunk size used when a whole request is written synchronously (e.g. by <c>JsonSerializer</c>).</summary>
    private const int SynchronousChunkSize = 16 * 1024;

    /// <summary>
    /// Writes a URL image as a string value; for a local image writes nothing and returns its source, whose value the
    /// caller writes (raw base64, never with a <c>data:</c> prefix) at this point of the array.
    /// </summary>
    public static ImageSource? WriteImageValue(Utf8JsonWriter writer, KlingImage image)
    {
        if (image.Source is { } source)
        {
            return source;
        }

        writer.WriteStringValue(image.Url!.AbsoluteUri);
        return null;
    }

    /// <summary>Writes a whole body from a kind's parts, reading each local image synchronously in place.</summary>
    public static void WriteSynchronously(Utf8JsonWriter writer, IEnumerable<ImageSource> parts)
    {
        foreach (var image in parts)
        {
            image.WriteValueAsync(writer, SynchronousChunkSize, flush: false, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
