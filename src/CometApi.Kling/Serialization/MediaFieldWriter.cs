using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Writes a media field (an image or an audio) the way every kind's body does: a URL whole, local data as its property
/// name only, its source returned for the caller to stream as raw base64 (never with a <c>data:</c> prefix).
/// </summary>
internal static class MediaFieldWriter
{
    /// <summary>Chunk size used when a whole request is written synchronously (e.g. by <c>JsonSerializer</c>).</summary>
    private const int SynchronousChunkSize = 16 * 1024;

    /// <summary>Writes a URL image whole; for a local one writes its name and returns its source. Nothing for null.</summary>
    public static ImageSource? Write(Utf8JsonWriter writer, string name, KlingImage? image) =>
        image is null ? null : Write(writer, name, image.Url, image.Source);

    /// <summary>Writes a URL audio whole; for a local one writes its name and returns its source. Nothing for null.</summary>
    public static ImageSource? Write(Utf8JsonWriter writer, string name, KlingAudio? audio) =>
        audio is null ? null : Write(writer, name, audio.Url, audio.Source);

    /// <summary>Drives a body writer to its end, writing each local medium's value synchronously (for a JSON converter).</summary>
    public static void WriteWhole(Utf8JsonWriter writer, IEnumerable<ImageSource> parts)
    {
        foreach (var source in parts)
        {
            source.WriteValueAsync(writer, SynchronousChunkSize, flush: false, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private static ImageSource? Write(Utf8JsonWriter writer, string name, Uri? url, ImageSource? source)
    {
        if (source is not null)
        {
            writer.WritePropertyName(name);
            return source;
        }

        writer.WriteString(name, url!.AbsoluteUri);
        return null;
    }
}
