using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Images;

/// <summary>Raw base64 text (already checked by <see cref="Base64Text.Normalize"/>), written as it is, in chunks.</summary>
internal sealed class Base64ImageSource(string base64) : ImageSource
{
    public string Base64 => base64;

    public override string Description => string.Format(CultureInfo.InvariantCulture, "base64, {0} chars", base64.Length);

    public override Task<ImageLength> PrepareAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken) =>
        Task.FromResult(new ImageLength(Base64Text.DecodedLength(base64), IsLowerBound: false));

    public override bool TryGetEncodedLength(out long length)
    {
        // Base64 characters are ASCII and none of them is escaped by the writer's encoder: one byte each.
        length = base64.Length;
        return true;
    }

    public override ImageByteReader OpenByteReader() => new ImageByteReader.FromBase64(base64);

    public override async Task WriteValueAsync(Utf8JsonWriter writer, int chunkSize, bool flush, bool useAsync, CancellationToken cancellationToken)
    {
        if (!flush)
        {
            writer.WriteStringValue(base64);
            return;
        }

        for (var offset = 0; offset < base64.Length; offset += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteStringValueSegment(base64.AsSpan(offset, Math.Min(chunkSize, base64.Length - offset)), isFinalSegment: false);
            await FlushAsync(writer, useAsync, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteStringValueSegment(ReadOnlySpan<char>.Empty, isFinalSegment: true);
    }
}
