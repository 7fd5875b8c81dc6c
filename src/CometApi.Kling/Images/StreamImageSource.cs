using System.Buffers;
using System.Globalization;

namespace CometApi.Kling.Images;

/// <summary>
/// A caller's stream. A seekable stream is read from the position it had when the image was made, every time it is
/// needed. A stream that cannot seek cannot be measured up front, so it is copied once to a temporary file (deleted when
/// the call ends); that gives the request a Content-Length, keeps memory low and lets the body be sent again. The call
/// that sends it consumes it (disposes it, or for one that cannot seek, reads it to its end): a later call is refused by
/// validation, before anything is sent, with a message that says why.
/// </summary>
internal sealed class StreamImageSource : StreamBackedImageSource
{
    private const int CopyBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly string _owner;
    private readonly bool _leaveOpen;
    private readonly bool _canSeek;
    private readonly long _start;
    private FileStream? _spool;
    private ImageLength _spooledLength;
    private bool _consumed;
    private bool _disposed;

    /// <param name="stream">The caller's stream.</param>
    /// <param name="leaveOpen">Whether the stream stays open when the call ends.</param>
    /// <param name="owner">The public type made from it, for messages: <c>KlingImage</c> or <c>KlingAudio</c>.</param>
    public StreamImageSource(Stream stream, bool leaveOpen, string owner)
    {
        _stream = stream;
        _owner = owner;
        _leaveOpen = leaveOpen;
        _canSeek = stream.CanSeek;
        _start = _canSeek ? stream.Position : 0;
    }

    public override string Description => _canSeek ? "stream" : "stream, not seekable";

    /// <summary>The temporary copy of a non-seekable stream while it exists (for tests).</summary>
    internal string? SpoolPath => _spool?.Name;

    public override async Task<ImageLength> PrepareAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        if (_canSeek)
        {
            var length = Math.Max(0, _stream.Length - _start);
            MeasuredLength = length;
            return new ImageLength(length, IsLowerBound: false);
        }

        if (_spool is null)
        {
            await SpoolAsync(maxBytes, useAsync, cancellationToken).ConfigureAwait(false);
        }

        MeasuredLength = _spooledLength.Bytes;
        return _spooledLength;
    }

    public override void ReleaseAfterCall()
    {
        _spool?.Dispose();
        _spool = null;
        if (!_canSeek)
        {
            _consumed = true;
        }

        if (!_leaveOpen)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }

    protected override Stream OpenData(out long length, out bool ownsStream)
    {
        ThrowIfUnusable();
        ownsStream = false;
        if (_canSeek)
        {
            _stream.Seek(_start, SeekOrigin.Begin);
            length = Math.Max(0, _stream.Length - _start);
            return _stream;
        }

        if (_spool is null)
        {
            // Only reached when the image is written without being validated first (e.g. JsonSerializer.Serialize).
            SpoolAsync(long.MaxValue - 1, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }

        _spool!.Seek(0, SeekOrigin.Begin);
        length = _spooledLength.Bytes;
        return _spool;
    }

    private async Task SpoolAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "cometapi-kling-" + Guid.NewGuid().ToString("N") + ".tmp");
        var spool = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            // Read one byte past the limit, no more: enough to know the image is too large without copying all of it.
            long total = 0;
            while (total <= maxBytes)
            {
                var wanted = (int)Math.Min(buffer.Length, maxBytes + 1 - total);
                var read = useAsync
                    ? await _stream.ReadAsync(buffer, 0, wanted, cancellationToken).ConfigureAwait(false)
                    : _stream.Read(buffer, 0, wanted);
                if (read == 0)
                {
                    break;
                }

                if (useAsync)
                {
                    await spool.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    spool.Write(buffer, 0, read);
                }

                total += read;
            }

            _spooledLength = new ImageLength(total, IsLowerBound: total > maxBytes);
            _spool = spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // InvalidOperationException (not ObjectDisposedException, whose message adds "Object name: ..."): validation reports
    // the message as it is, with the request's other problems, and nothing is sent.
    private void ThrowIfUnusable()
    {
        if (_disposed)
        {
            throw new InvalidOperationException(
                $"the stream of this {_owner} was consumed by an earlier call, which disposed it when it ended: a request holding a stream is single-use. Build a new {_owner} ({_owner}.FromStream) for each call, or pass leaveOpen: true with a seekable stream to send it again.");
        }

        if (_consumed)
        {
            throw new InvalidOperationException(
                $"the stream of this {_owner} cannot seek and was consumed by an earlier call, which read it to its end: a request holding such a stream is single-use. Build a new {_owner} ({_owner}.FromStream) for each call.");
        }
    }
}
