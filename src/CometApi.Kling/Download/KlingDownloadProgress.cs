namespace CometApi.Kling;

/// <summary>
/// How far a download has got: which file of how many is being saved and its bytes so far, reported when the file
/// starts and after each chunk written. Each file's bytes count from zero.
/// </summary>
public readonly struct KlingDownloadProgress : IEquatable<KlingDownloadProgress>
{
    /// <summary>Creates a progress value (also handy in tests).</summary>
    /// <param name="bytesReceived">The bytes of this file written so far.</param>
    /// <param name="totalBytes">This file's full size, when the server announced it.</param>
    /// <param name="fileIndex">Which file this is, from 1.</param>
    /// <param name="fileCount">How many files the download saves in all.</param>
    /// <param name="filePath">The full path the file is saved at; <see langword="null"/> for a download into a stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileIndex"/> is not between 1 and <paramref name="fileCount"/>.</exception>
    public KlingDownloadProgress(long bytesReceived, long? totalBytes, int fileIndex, int fileCount, string? filePath)
    {
        if (fileIndex < 1 || fileIndex > fileCount)
        {
            throw new ArgumentOutOfRangeException(nameof(fileIndex), fileIndex, $"The file index must be between 1 and the file count ({fileCount}).");
        }

        BytesReceived = bytesReceived;
        TotalBytes = totalBytes;
        FileIndex = fileIndex;
        FileCount = fileCount;
        FilePath = filePath;
    }

    /// <summary>The bytes of this file written so far.</summary>
    public long BytesReceived { get; }

    /// <summary>This file's full size, when the server announced it (<c>Content-Length</c>); <see langword="null"/> otherwise.</summary>
    public long? TotalBytes { get; }

    /// <summary>Which file this is, from 1 (in the order the task lists its files).</summary>
    public int FileIndex { get; }

    /// <summary>How many files the download saves in all (1 for a single <see cref="KlingClient.DownloadAsync(Uri, string, IProgress{KlingDownloadProgress}?, CancellationToken)"/>).</summary>
    public int FileCount { get; }

    /// <summary>The full path the file is saved at (it appears there only once complete); <see langword="null"/> for a download into a stream.</summary>
    public string? FilePath { get; }

    /// <summary>Compares two progress values.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(KlingDownloadProgress left, KlingDownloadProgress right) => left.Equals(right);

    /// <summary>Compares two progress values.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(KlingDownloadProgress left, KlingDownloadProgress right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(KlingDownloadProgress other) =>
        BytesReceived == other.BytesReceived && TotalBytes == other.TotalBytes && FileIndex == other.FileIndex && FileCount == other.FileCount
        && string.Equals(FilePath, other.FilePath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KlingDownloadProgress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = (BytesReceived.GetHashCode() * 397) ^ TotalBytes.GetHashCode();
            hash = (hash * 397) ^ FileIndex;
            hash = (hash * 397) ^ FileCount;
            return (hash * 397) ^ (FilePath is null ? 0 : StringComparer.Ordinal.GetHashCode(FilePath));
        }
    }

    /// <summary>Shows the file (when there are several) and its bytes, e.g. <c>file 2 of 3: 1024 / 4096 bytes</c>.</summary>
    /// <returns>The progress as text.</returns>
    public override string ToString()
    {
        var bytes = TotalBytes is { } total ? $"{BytesReceived} / {total} bytes" : $"{BytesReceived} bytes";
        return FileCount > 1 ? $"file {FileIndex} of {FileCount}: {bytes}" : bytes;
    }
}
