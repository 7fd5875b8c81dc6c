using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The create body, written straight to the request stream by <see cref="ImageToVideoRequestWriter"/>: local images are
/// base64-encoded chunk by chunk (<see cref="Utf8JsonWriter.WriteBase64StringSegment"/>) and flushed as they go, so a
/// 10 MB image costs a few small buffers instead of ~14 MB of base64 text. The length is computed up front (so the
/// request has a Content-Length) and the body can be written again (redirects, retries) whenever its images can be
/// read again: always after validation, which measures every image and copies a non-seekable stream to a temporary file.
/// </summary>
internal sealed class ImageToVideoRequestContent : HttpContent
{
    /// <summary>Bytes read (or base64 characters copied) per chunk: small enough that no buffer reaches the large object heap.</summary>
    public const int DefaultChunkSize = 8 * 1024;

    // The same encoder the body always had: UTF-8 text stays readable; base64 characters are never escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ImageToVideoRequest _request;
    private readonly int _chunkSize;

    public ImageToVideoRequestContent(ImageToVideoRequest request, int chunkSize = DefaultChunkSize)
    {
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "The chunk size must be positive.");
        }

        _request = request;
        _chunkSize = chunkSize;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeAsync(stream, useAsync: true, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeAsync(stream, useAsync: true, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeAsync(stream, useAsync: false, cancellationToken).GetAwaiter().GetResult();
#endif

    protected override bool TryComputeLength(out long length)
    {
        // The body without image data, written to a counter, plus each image's base64 length.
        var counter = new CountingBufferWriter();
        long images = 0;
        using (var writer = new Utf8JsonWriter(counter, WriterOptions))
        {
            foreach (var image in ImageToVideoRequestWriter.WriteParts(writer, _request))
            {
                if (!image.TryGetEncodedLength(out var encoded))
                {
                    length = 0;
                    return false;
                }

                images += encoded;
                writer.WriteStringValue(string.Empty);
            }
        }

        length = counter.Count + images;
        return true;
    }

    private async Task SerializeAsync(Stream stream, bool useAsync, CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        foreach (var image in ImageToVideoRequestWriter.WriteParts(writer, _request))
        {
            await image.WriteValueAsync(writer, _chunkSize, flush: true, useAsync, cancellationToken).ConfigureAwait(false);
        }

        if (useAsync)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            writer.Flush();
        }
    }

    /// <summary>Counts what a <see cref="Utf8JsonWriter"/> writes and keeps none of it.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[256];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[sizeHint];
            }

            return _scratch;
        }
    }
}
