namespace CometApi.Kling;

/// <summary>
/// An image sent to Kling: a public URL the service downloads itself, or the image's own bytes sent inline as base64.
/// Used for <see cref="ImageToVideoRequest.Image"/>, <see cref="ImageToVideoRequest.ImageTail"/>, masks.
/// </summary>
/// <remarks><see cref="ToString"/> never prints the image data, so requests can be logged safely.</remarks>
public sealed class KlingImage
{
    private const string DataUriScheme = "data:";
    private const string Base64Marker = ";base64,";

    private KlingImage(Uri? url, string? base64)
    {
        Url = url;
        Base64 = base64;
    }

    /// <summary>The image's public address, or <see langword="null"/> when the image is sent inline.</summary>
    public Uri? Url { get; }

    /// <summary>The raw base64 text sent inline (never with a <c>data:</c> prefix), or <see langword="null"/> for a URL.</summary>
    internal string? Base64 { get; }

    /// <summary>An image Kling downloads from a public address.</summary>
    /// <param name="url">An absolute address Kling can reach.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute URL.</exception>
    public static KlingImage FromUrl(Uri url)
    {
        if (url is null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The image URL must be absolute, got '{url.OriginalString}'.", nameof(url));
        }

        return new KlingImage(url, base64: null);
    }

    /// <summary>An image sent inline as base64 text.</summary>
    /// <param name="base64">The base64 text; a <c>data:image/...;base64,</c> prefix is accepted and removed, because Kling rejects it.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="base64"/> is empty.</exception>
    public static KlingImage FromBase64(string base64)
    {
        if (base64 is null)
        {
            throw new ArgumentNullException(nameof(base64));
        }

        var raw = StripDataUriPrefix(base64);
        if (raw.Length == 0 || string.IsNullOrWhiteSpace(raw))
        {
            throw new ArgumentException("The base64 image text is empty.", nameof(base64));
        }

        return new KlingImage(url: null, raw);
    }

    /// <summary>Describes the image without its data, e.g. <c>KlingImage(url: https://…)</c> or <c>KlingImage(base64, 1234 chars)</c>.</summary>
    public override string ToString() => Url is not null
        ? $"KlingImage(url: {Url})"
        : $"KlingImage(base64, {Base64!.Length} chars)";

    private static string StripDataUriPrefix(string value)
    {
        if (!value.StartsWith(DataUriScheme, StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var marker = value.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            throw new ArgumentException("The image is a data: URI that is not base64-encoded; pass raw base64 text.", nameof(value));
        }

        return value.Substring(marker + Base64Marker.Length);
    }
}
