using CometApi.Kling.Images;

namespace CometApi.Kling;

/// <summary>
/// An image sent to Kling: a public URL the service downloads itself, or local data (bytes, base64 text, a file, a
/// stream) sent inline as base64. Used for <see cref="ImageToVideoRequest.Image"/>, <see cref="ImageToVideoRequest.ImageTail"/>
/// and the masks.
/// </summary>
/// <remarks>
/// Local images are checked from their headers before anything is sent (JPEG or PNG, size, pixel dimensions, aspect
/// ratio; see <see cref="KlingValidationLimits"/>) and streamed into the request in small chunks, so a 10 MB image
/// never sits in memory as base64. URL images are not downloaded. <see cref="ToString"/> never prints image data.
/// </remarks>
public sealed class KlingImage : ILocalMedia
{
    private KlingImage(Uri? url, ImageSource? source)
    {
        Url = url;
        Source = source;
    }

    /// <summary>The image's public address, or <see langword="null"/> when the image is sent inline.</summary>
    public Uri? Url { get; }

    /// <summary>The local data, or <see langword="null"/> for a URL.</summary>
    internal ImageSource? Source { get; }

    /// <inheritdoc/>
    ImageSource? ILocalMedia.Source => Source;

    /// <summary>The raw base64 text of an image made with <see cref="FromBase64"/>, otherwise <see langword="null"/>.</summary>
    internal string? Base64 => (Source as Base64ImageSource)?.Base64;

    /// <summary>An image Kling downloads from a public address. The SDK does not download it to check it.</summary>
    /// <param name="url">An absolute http or https address Kling can reach.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https URL.</exception>
    public static KlingImage FromUrl(Uri url)
    {
        return new KlingImage(LocalMediaArguments.Url(url, "image", nameof(KlingImage)), source: null);
    }

    /// <summary>An image sent inline as base64 text.</summary>
    /// <param name="base64">
    /// Standard, padded base64. A <c>data:image/...;base64,</c> prefix and line breaks are accepted and removed, because
    /// Kling wants raw base64 only.
    /// </param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="base64"/> is empty or not valid base64 (the message says where).</exception>
    public static KlingImage FromBase64(string base64)
    {
        if (base64 is null)
        {
            throw new ArgumentNullException(nameof(base64));
        }

        return new KlingImage(url: null, new Base64ImageSource(Base64Text.Normalize(base64, nameof(base64))));
    }

    /// <summary>An image sent inline from bytes in memory. The bytes are not copied: do not change them until the call ends.</summary>
    /// <param name="bytes">The JPEG or PNG file's bytes.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty.</exception>
    public static KlingImage FromBytes(ReadOnlyMemory<byte> bytes)
    {
        return new KlingImage(url: null, new BytesImageSource(LocalMediaArguments.Bytes(bytes, "image")));
    }

    /// <summary>
    /// An image sent inline from a file. The file is opened when the request is checked and again when it is sent (so the
    /// image can be reused), and read in small chunks.
    /// </summary>
    /// <param name="path">The file's path; a relative path is resolved against the current directory now.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid path.</exception>
    /// <remarks>A missing or unreadable file is reported by validation, with every other problem of the request.</remarks>
    public static KlingImage FromFile(string path)
    {
        return new KlingImage(url: null, new FileImageSource(LocalMediaArguments.FullPath(path, "image")));
    }

    /// <summary>
    /// An image sent inline from a stream, read from its current position to its end in small chunks. Single-use: the
    /// create call that sends it consumes the stream (it is disposed when the call ends, sent, refused or failed), so a
    /// request holding this image can be sent once, and a second create with it is refused by validation
    /// (<see cref="KlingValidationException"/>) before anything is sent. Build a new <see cref="KlingImage"/> for each
    /// call, or use <see cref="FromFile"/> or <see cref="FromBytes"/> for an image to reuse; only a seekable stream with
    /// <paramref name="leaveOpen"/> <see langword="true"/> can be sent again.
    /// </summary>
    /// <param name="stream">A readable stream. A seekable one is read from its current position each time it is needed (and can be sent again
    /// when <paramref name="leaveOpen"/> is <see langword="true"/>); one that cannot seek is copied once to a temporary file when the request is checked,
    /// so its size is known before anything is sent, and can then be used by that one call only.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave the stream open when the call ends.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    /// <remarks>Do not use the stream, or this image, in two calls at the same time.</remarks>
    public static KlingImage FromStream(Stream stream, bool leaveOpen = false)
    {
        return new KlingImage(url: null, new StreamImageSource(LocalMediaArguments.Readable(stream, "image"), leaveOpen, nameof(KlingImage)));
    }

    /// <summary>
    /// Describes the image without its data, e.g. <c>KlingImage(url: https://…)</c>, <c>KlingImage(base64, 1234 chars)</c>,
    /// <c>KlingImage(bytes, 5678 bytes)</c>, <c>KlingImage(file '/photos/cat.png')</c> or <c>KlingImage(stream)</c>.
    /// </summary>
    public override string ToString() => Url is not null ? $"KlingImage(url: {Url})" : $"KlingImage({Source!.Description})";
}
