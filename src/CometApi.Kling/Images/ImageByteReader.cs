namespace CometApi.Kling.Images;

/// <summary>Random access to the first bytes of a local image, enough to read its header without loading it.</summary>
internal abstract class ImageByteReader : IDisposable
{
    /// <summary>Copies up to <paramref name="count"/> bytes starting at <paramref name="offset"/>; fewer means the image ended.</summary>
    public abstract int ReadAt(long offset, byte[] buffer, int count);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Reads image bytes held in memory.</summary>
    public sealed class FromMemory(ReadOnlyMemory<byte> bytes) : ImageByteReader
    {
        public override int ReadAt(long offset, byte[] buffer, int count)
        {
            if (offset >= bytes.Length)
            {
                return 0;
            }

            var available = bytes.Span.Slice((int)offset);
            var length = Math.Min(count, available.Length);
            available.Slice(0, length).CopyTo(buffer);
            return length;
        }
    }

    /// <summary>Decodes only the base64 groups that hold the requested bytes.</summary>
    public sealed class FromBase64(string base64) : ImageByteReader
    {
        public override int ReadAt(long offset, byte[] buffer, int count)
        {
            var firstGroup = offset / 3;
            var skip = (int)(offset % 3);
            var start = firstGroup * 4;
            if (start >= base64.Length)
            {
                return 0;
            }

            var charCount = (int)Math.Min((skip + count + 2) / 3 * 4L, base64.Length - start);
            var decoded = Convert.FromBase64String(base64.Substring((int)start, charCount));
            // The last group may end before the requested offset: then there is nothing to copy.
            var length = Math.Min(count, decoded.Length - skip);
            if (length <= 0)
            {
                return 0;
            }

            Array.Copy(decoded, skip, buffer, 0, length);
            return length;
        }
    }

    /// <summary>Reads a seekable stream whose image starts at <paramref name="start"/>, seeking for each read.</summary>
    public sealed class FromStream(Stream stream, long start, bool ownsStream) : ImageByteReader
    {
        public override int ReadAt(long offset, byte[] buffer, int count)
        {
            stream.Seek(start + offset, SeekOrigin.Begin);
            var total = 0;
            while (total < count)
            {
                var read = stream.Read(buffer, total, count - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && ownsStream)
            {
                stream.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
