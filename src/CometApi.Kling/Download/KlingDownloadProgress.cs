namespace CometApi.Kling;

/// <summary>How far a video download has got: reported after each chunk written.</summary>
/// <param name="bytesReceived">The bytes written so far.</param>
/// <param name="totalBytes">The full size, when the server announced it (<c>Content-Length</c>).</param>
public readonly struct KlingDownloadProgress(long bytesReceived, long? totalBytes) : IEquatable<KlingDownloadProgress>
{
    /// <summary>The bytes written so far.</summary>
    public long BytesReceived { get; } = bytesReceived;

    /// <summary>The full size, when the server announced it (<c>Content-Length</c>); <see langword="null"/> otherwise.</summary>
    public long? TotalBytes { get; } = totalBytes;

    /// <summary>Compares two progress values.</summary>
    public static bool operator ==(KlingDownloadProgress left, KlingDownloadProgress right) => left.Equals(right);

    /// <summary>Compares two progress values.</summary>
    public static bool operator !=(KlingDownloadProgress left, KlingDownloadProgress right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(KlingDownloadProgress other) => BytesReceived == other.BytesReceived && TotalBytes == other.TotalBytes;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KlingDownloadProgress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (BytesReceived.GetHashCode() * 397) ^ TotalBytes.GetHashCode();

    /// <summary>Shows the bytes received and, when known, the total.</summary>
    public override string ToString() => TotalBytes is { } total ? $"{BytesReceived} / {total} bytes" : $"{BytesReceived} bytes";
}
