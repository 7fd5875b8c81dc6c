using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// What the kinds with several images share when writing them: an image as an array item (a URL written whole, a local
/// image's source handed back for the caller to stream).
/// </summary>
internal static class ImageListWriter
{
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
}
