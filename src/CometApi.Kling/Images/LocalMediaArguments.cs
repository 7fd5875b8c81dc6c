namespace CometApi.Kling.Images;

/// <summary>
/// The argument checks shared by <see cref="KlingImage"/>'s and <see cref="KlingAudio"/>'s factories, which differ only in
/// the word the messages use (<c>image</c>, <c>audio</c>) and the type they name.
/// </summary>
internal static class LocalMediaArguments
{
    /// <summary>An absolute http(s) URL, or the factory's <see cref="ArgumentException"/>.</summary>
    public static Uri Url(Uri url, string what, string typeName)
    {
        if (url is null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The {what} URL must be absolute, got '{url.OriginalString}'.", nameof(url));
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException(
                $"The {what} URL must use http or https, got '{url.Scheme}'; for a local file use {typeName}.FromFile, for data use FromBytes or FromBase64.",
                nameof(url));
        }

        return url;
    }

    /// <summary>Bytes that are not empty.</summary>
    public static ReadOnlyMemory<byte> Bytes(ReadOnlyMemory<byte> bytes, string what) =>
        bytes.IsEmpty ? throw new ArgumentException($"The {what} has no bytes.", nameof(bytes)) : bytes;

    /// <summary>The file's full path, resolved against the current directory now.</summary>
    public static string FullPath(string path, string what)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"The {what} file path is empty.", nameof(path));
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"The {what} file path '{path}' is not valid: {ex.Message}", nameof(path), ex);
        }
    }

    /// <summary>A stream that can be read.</summary>
    public static Stream Readable(Stream stream, string what)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        return stream.CanRead ? stream : throw new ArgumentException($"The {what} stream cannot be read (it is closed or write-only).", nameof(stream));
    }
}
