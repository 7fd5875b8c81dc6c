using System.Net;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// A video body made up on the fly (byte i is <c>(byte)(i * 31 + 7)</c>), so a 100 MB download needs no memory and no
/// disk on the server side. It can announce a different length than it sends, break, or stall after some bytes.
/// </summary>
internal sealed class GeneratedVideoContent : HttpContent
{
    private readonly long _length;
    private readonly long _start;
    private readonly long? _failAfter;
    private readonly long? _stallAfter;
    private readonly Action? _onStall;

    /// <param name="length">The video's full length; the body holds bytes <paramref name="start"/> to <paramref name="length"/> - 1.</param>
    /// <param name="announcedLength">The Content-Length sent; -1 for the true one, <see langword="null"/> for none.</param>
    /// <param name="failAfter">The position at which the body breaks (a reset connection).</param>
    /// <param name="stallAfter">The position at which the body stops coming until the reader gives up.</param>
    /// <param name="onStall">Called when the body stalls.</param>
    /// <param name="start">The first byte sent, for the answer to a range request.</param>
    public GeneratedVideoContent(long length, long? announcedLength = -1, long? failAfter = null, long? stallAfter = null, Action? onStall = null, long start = 0)
    {
        _length = length;
        _start = start;
        _failAfter = failAfter;
        _stallAfter = stallAfter;
        _onStall = onStall;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
        Headers.ContentLength = announcedLength == -1 ? length - start : announcedLength;
    }

    public static byte ByteAt(long index) => (byte)((index * 31) + 7);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new GeneratedStream(this));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException("Read it as a stream.");

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private sealed class GeneratedStream(GeneratedVideoContent content) : Stream
    {
        private long _position = content._start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (content._stallAfter is { } stall && _position >= stall)
            {
                content._onStall?.Invoke();
                return new ValueTask<int>(Stall(cancellationToken));
            }

            return new ValueTask<int>(Fill(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Waits for the reader to give up; resumes inline when canceled (a canceled Task.Delay would resume on a queued work item, unseen by the virtual clock).</summary>
        private static async Task<int> Stall(CancellationToken cancellationToken)
        {
            var stalled = new TaskCompletionSource();
            using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), stalled))
            {
                await stalled.Task;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return 0;
        }

        private int Fill(Span<byte> span)
        {
            if (content._failAfter is { } fail && _position >= fail)
            {
                throw new IOException("The response ended prematurely (simulated connection reset).");
            }

            var limit = content._failAfter ?? content._stallAfter ?? content._length;
            var count = (int)Math.Min(span.Length, Math.Min(content._length, limit) - _position);
            if (count <= 0)
            {
                return 0;
            }

            for (var i = 0; i < count; i++)
            {
                span[i] = ByteAt(_position + i);
            }

            _position += count;
            return count;
        }
    }
}
