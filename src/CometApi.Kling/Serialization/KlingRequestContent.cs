using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The create body of any kind, written straight to the request stream by its definition's writer: local images are
/// base64-encoded chunk by chunk (<see cref="Utf8JsonWriter.WriteBase64StringSegment"/>) and flushed as they go, so a
/// 10 MB image costs a few small buffers instead of ~14 MB of base64 text. The length is computed up front (so the
/// request has a Content-Length) and the body can be written again (redirects, retries) whenever its images can be
/// read again: always after validation, which measures every image and copies a non-seekable stream to a temporary file.
/// </summary>
internal sealed class KlingRequestContent : HttpContent
{
    /// <summary>Bytes read (or base64 characters copied) per chunk: small enough that no buffer reaches the large object heap.</summary>
    public const int DefaultChunkSize = 8 * 1024;

    // The same encoder the body always had: UTF-8 text stays readable; base64 characters are never escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A body without local images is a few hundred bytes: it is written once into a pooled buffer and sent from there.
    private const int SmallBodyCapacity = 1024;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly KlingTaskRequest _request;
    private readonly Kinds.KlingTaskDefinition _definition;
    private readonly int _chunkSize;
    private readonly string? _externalTaskId;
    private PooledBufferWriter? _smallBody;
    private bool _smallBodyTried;

    /// <param name="request">The request to send.</param>
    /// <param name="chunkSize">Bytes per chunk of a streamed image.</param>
    /// <param name="externalTaskId">Sent instead of the request's own external id (the id the client chose for this create).</param>
    public KlingRequestContent(KlingTaskRequest request, int chunkSize = DefaultChunkSize, string? externalTaskId = null)
    {
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "The chunk size must be positive.");
        }

        _request = request;
        _definition = request.Definition;
        _chunkSize = chunkSize;
        _externalTaskId = externalTaskId;
        // Added unparsed (it is a valid value): a parsed header is a few objects per request; readers still get it parsed.
        Headers.TryAddWithoutValidation("Content-Type", "application/json");
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
        if (SmallBody() is { } small)
        {
            length = small.WrittenCount;
            return true;
        }

        // The body without image data, written to a counter, plus each image's base64 length.
        var counter = new CountingBufferWriter();
        long images = 0;
        using (var writer = new Utf8JsonWriter(counter, WriterOptions))
        {
            foreach (var image in _definition.WriteParts(writer, _request, _externalTaskId))
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _smallBody?.Dispose();
            _smallBody = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>The whole body, when the request has no local image to stream; null otherwise.</summary>
    private PooledBufferWriter? SmallBody()
    {
        if (_smallBodyTried)
        {
            return _smallBody;
        }

        _smallBodyTried = true;
        var buffer = new PooledBufferWriter(SmallBodyCapacity);
        bool hasLocalImage;

        // The writer is the thread's own, reset onto this body's buffer: the body is written synchronously here, so no
        // other body can use it meanwhile, and a create does not allocate one.
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            using var parts = _definition.WriteParts(writer, _request, _externalTaskId).GetEnumerator();
            hasLocalImage = parts.MoveNext();
            writer.Flush();
        }
        finally
        {
            // Not left pointing at a buffer that goes back to the pool.
            writer.Reset(NoBuffer.Instance);
        }

        if (hasLocalImage)
        {
            buffer.Dispose();
            return null;
        }

        return _smallBody = buffer;
    }

    private async Task SerializeAsync(Stream stream, bool useAsync, CancellationToken cancellationToken)
    {
        if (SmallBody() is { } small)
        {
            var bytes = small.WrittenSegment;
            if (useAsync)
            {
                await stream.WriteAsync(bytes.Array!, bytes.Offset, bytes.Count, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                stream.Write(bytes.Array!, bytes.Offset, bytes.Count);
            }

            return;
        }

        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        foreach (var image in _definition.WriteParts(writer, _request, _externalTaskId))
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

    /// <summary>Where the thread's writer points between bodies; it is never written to there.</summary>
    private sealed class NoBuffer : IBufferWriter<byte>
    {
        public static readonly NoBuffer Instance = new();

        public void Advance(int count) => throw new InvalidOperationException();

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException();

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException();
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
