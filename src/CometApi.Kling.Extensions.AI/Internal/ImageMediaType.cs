namespace CometApi.Kling.Extensions.AI.Internal;

/// <summary>The media type of a generated image, from its bytes (what Kling served) or, failing that, its link.</summary>
internal static class ImageMediaType
{
    /// <summary>Said when neither the bytes nor the link tell: an image of a format not known here.</summary>
    private const string AnyImage = "image/*";

    /// <summary><c>image/png</c>, <c>image/jpeg</c>, <c>image/webp</c> or <c>image/gif</c> by the file's signature; <see langword="null"/> when none matches.</summary>
    public static string? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G'
            && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A)
        {
            return "image/png";
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 12 && bytes[0] == (byte)'R' && bytes[1] == (byte)'I' && bytes[2] == (byte)'F' && bytes[3] == (byte)'F'
            && bytes[8] == (byte)'W' && bytes[9] == (byte)'E' && bytes[10] == (byte)'B' && bytes[11] == (byte)'P')
        {
            return "image/webp";
        }

        if (bytes.Length >= 6 && bytes[0] == (byte)'G' && bytes[1] == (byte)'I' && bytes[2] == (byte)'F' && bytes[3] == (byte)'8')
        {
            return "image/gif";
        }

        return null;
    }

    /// <summary>The media type of a link by its file extension; <c>image/*</c> when the extension does not say.</summary>
    public static string FromUrl(Uri url)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            _ => AnyImage,
        };
    }

    /// <summary>The file extension of a media type returned by this class (<c>.png</c> for <c>image/*</c>, Kling's usual format).</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => ".png",
    };
}
