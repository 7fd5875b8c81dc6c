using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Images;

/// <summary>Image bytes in memory, never copied: base64-encoded slice by slice straight from the caller's memory.</summary>
internal sealed class BytesImageSource(ReadOnlyMemory<byte> bytes) : ImageSource
{
    public override string Description => string.Format(CultureInfo.InvariantCulture, "bytes, {0} bytes", bytes.Length);

    public override Task<ImageLength> PrepareAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken) =>
        Task.FromResult(new ImageLength(bytes.Length, IsLowerBound: false));

    public override bool TryGetEncodedLength(out long length)
    {
        length = Base64Text.EncodedLength(bytes.Length);
        return true;
    }

    public override ImageByteReader OpenByteReader() => new ImageByteReader.FromMemory(bytes);

    public override async Task WriteValueAsync(Utf8JsonWriter writer, int chunkSize, bool flush, bool useAsync, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteBase64StringSegment(bytes.Span.Slice(offset, Math.Min(chunkSize, bytes.Length - offset)), isFinalSegment: false);
            if (flush)
            {
                await FlushAsync(writer, useAsync, cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteBase64StringSegment(ReadOnlySpan<byte>.Empty, isFinalSegment: true);
    }
}
