using System.Net;

namespace CometApi.Kling.Testing.Internal;

/// <summary>A body that declares its full length but breaks after the first half, like a connection cut mid-response.</summary>
internal sealed class TruncatedContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
        throw Broken();
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new TruncatedStream(body));

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }

    private static HttpIOException Broken() =>
        new(HttpRequestError.ResponseEnded, "The response ended prematurely (the Kling emulator cut the body, scripted fault).");

    /// <summary>Reads the first half, then throws as SocketsHttpHandler's content stream does when the peer closes early.</summary>
    private sealed class TruncatedStream(byte[] body) : Stream
    {
        private readonly int _available = body.Length / 2;
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            var count = Math.Min(buffer.Length, _available - _position);
            if (count <= 0)
            {
                throw Broken();
            }

            body.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
