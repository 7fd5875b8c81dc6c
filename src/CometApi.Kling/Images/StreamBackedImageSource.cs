using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Images;

/// <summary>A file or a stream: read in chunks through a pooled buffer, so a large image never sits in memory.</summary>
internal abstract class StreamBackedImageSource : ImageSource
{
    private long? _measuredLength;

    /// <summary>Opens the data positioned at the image's first byte, with its length in bytes.</summary>
    protected abstract Stream OpenData(out long length, out bool ownsStream);

    /// <summary>The byte length found by the last <see cref="ImageSource.PrepareAsync"/>.</summary>
    protected long? MeasuredLength
    {
        get => _measuredLength;
        set => _measuredLength = value;
    }

    public override bool TryGetEncodedLength(out long length)
    {
        length = _measuredLength is { } bytes ? Base64Text.EncodedLength(bytes) : 0;
        return _measuredLength is not null;
    }

    public override ImageByteReader OpenByteReader()
    {
        var stream = OpenData(out _, out var ownsStream);
        return new ImageByteReader.FromStream(stream, stream.Position, ownsStream);
    }

    public override async Task WriteValueAsync(Utf8JsonWriter writer, int chunkSize, bool flush, bool useAsync, CancellationToken cancellationToken)
    {
        var stream = OpenData(out var length, out var ownsStream);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            // Exactly the measured length is sent: the Content-Length announced before sending depends on it.
            var expected = _measuredLength ?? length;
            long written = 0;
            while (written < expected)
            {
                var wanted = (int)Math.Min(chunkSize, expected - written);
                var read = useAsync
                    ? await stream.ReadAsync(buffer, 0, wanted, cancellationToken).ConfigureAwait(false)
                    : stream.Read(buffer, 0, wanted);
                if (read == 0)
                {
                    throw Changed(written, expected);
                }

                writer.WriteBase64StringSegment(buffer.AsSpan(0, read), isFinalSegment: false);
                written += read;
                if (flush)
                {
                    await FlushAsync(writer, useAsync, cancellationToken).ConfigureAwait(false);
                }
            }

            var extra = useAsync ? await stream.ReadAsync(buffer, 0, 1, cancellationToken).ConfigureAwait(false) : stream.Read(buffer, 0, 1);
            if (extra != 0)
            {
                throw Changed(written + extra, expected);
            }

            writer.WriteBase64StringSegment(ReadOnlySpan<byte>.Empty, isFinalSegment: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (ownsStream)
            {
                stream.Dispose();
            }
        }
    }

    private IOException Changed(long actual, long expected) => new(string.Format(
        CultureInfo.InvariantCulture,
        "The image ({0}) changed while it was being sent: it was {1} bytes when checked, but {2} {3} bytes were read.",
        Description,
        expected,
        actual < expected ? "only" : "more than",
        actual < expected ? actual : expected));
}
