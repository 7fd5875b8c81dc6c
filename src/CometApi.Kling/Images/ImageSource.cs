using System.Text.Json;

namespace CometApi.Kling.Images;

/// <summary>The data of a local <see cref="KlingImage"/> (bytes, base64 text, file or stream): measured, header-read, then written as base64.</summary>
internal abstract class ImageSource
{
    /// <summary>Describes the source without its data, for <see cref="KlingImage.ToString"/> and messages.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Gets the source ready to be read (a non-seekable stream is copied to a temporary file) and measures it, reading no
    /// more than <paramref name="maxBytes"/> + 1 bytes of a source that cannot be measured otherwise.
    /// </summary>
    /// <exception cref="IOException">The data cannot be read (missing file, closed stream...).</exception>
    public abstract Task<ImageLength> PrepareAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken);

    /// <summary>The length of the base64 text written for this image, when known without reading it (after <see cref="PrepareAsync"/>).</summary>
    public abstract bool TryGetEncodedLength(out long length);

    /// <summary>Random access to the image's bytes, to read its header. Call <see cref="PrepareAsync"/> first.</summary>
    public abstract ImageByteReader OpenByteReader();

    /// <summary>
    /// Writes the image as a base64 JSON string value (the property name is already written), in chunks, flushing the
    /// writer after each chunk when <paramref name="flush"/> is set so that no buffer ever holds the whole image.
    /// </summary>
    public abstract Task WriteValueAsync(Utf8JsonWriter writer, int chunkSize, bool flush, bool useAsync, CancellationToken cancellationToken);

    /// <summary>Called when the create call that used this image ends: releases what the call owns (temporary copy, stream).</summary>
    public virtual void ReleaseAfterCall()
    {
    }

    protected static async Task FlushAsync(Utf8JsonWriter writer, bool useAsync, CancellationToken cancellationToken)
    {
        if (useAsync)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            writer.Flush();
        }
    }
}
