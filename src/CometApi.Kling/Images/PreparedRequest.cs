using CometApi.Kling.Serialization;

namespace CometApi.Kling.Images;

/// <summary>
/// The one owner of a call's local media: it stages and measures each image once (a non-seekable stream is copied to
/// a temporary file), reads its header for the validator (so validation itself reads nothing), produces the request's
/// <see cref="HttpContent"/> for each attempt, and releases everything (temporary copies, streams the call owns) when
/// disposed.
/// </summary>
internal sealed class PreparedRequest : IDisposable
{
    // Keyed by instance: the same KlingImage used twice in one request is read once.
    // Null for a request without local media (every URL-only or text request): nothing to allocate then.
    private readonly Dictionary<ILocalMedia, MediaFacts>? _facts;
    private readonly bool _ownsMedia;
    private bool _disposed;

    private PreparedRequest(KlingTaskRequest request, Dictionary<ILocalMedia, MediaFacts>? facts, bool ownsMedia)
    {
        Request = request;
        _facts = facts;
        _ownsMedia = ownsMedia;
    }

    /// <summary>The request whose media this owns.</summary>
    public KlingTaskRequest Request { get; }

    /// <summary>
    /// Stages, measures and reads the header of every local image and audio of <paramref name="request"/>, reading no
    /// more than the size limit + 1 bytes of a source that cannot be measured otherwise.
    /// </summary>
    /// <param name="request">The request whose media to read.</param>
    /// <param name="limits">The size limits (a non-seekable stream is copied up to one byte past its limit).</param>
    /// <param name="ownsMedia">
    /// Whether disposing releases the media: true for a create call (its media belong to the call); false for a
    /// validation on its own, after which the same request may still be sent.
    /// </param>
    /// <param name="useAsync">Whether to read asynchronously.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static ValueTask<PreparedRequest> PrepareAsync(
        KlingTaskRequest request, KlingValidationLimits limits, bool ownsMedia, bool useAsync, CancellationToken cancellationToken) =>
        HasLocalMedia(request, ownsMedia)
            ? PrepareLocalMediaAsync(request, limits, ownsMedia, useAsync, cancellationToken)
            : new ValueTask<PreparedRequest>(new PreparedRequest(request, facts: null, ownsMedia));

    /// <summary>
    /// Whether any image or audio of the request is local. URL-only and text requests have nothing to read: they are
    /// prepared without an asynchronous step (every create passes here).
    /// </summary>
    private static bool HasLocalMedia(KlingTaskRequest request, bool ownsMedia)
    {
        var definition = request.Definition;
        try
        {
            foreach (var image in definition.LocalMedia(request))
            {
                if (((ILocalMedia)image).Source is not null)
                {
                    return true;
                }
            }

            foreach (var audio in definition.LocalAudio(request))
            {
                if (((ILocalMedia)audio).Source is not null)
                {
                    return true;
                }
            }

            return false;
        }
        catch when (ownsMedia)
        {
            definition.ReleaseAfterCall(request);
            throw;
        }
    }

    private static async ValueTask<PreparedRequest> PrepareLocalMediaAsync(
        KlingTaskRequest request, KlingValidationLimits limits, bool ownsMedia, bool useAsync, CancellationToken cancellationToken)
    {
        Dictionary<ILocalMedia, MediaFacts>? facts = null;
        try
        {
            foreach (var image in request.Definition.LocalMedia(request))
            {
                if (((ILocalMedia)image).Source is { } source && facts?.ContainsKey(image) != true)
                {
                    facts ??= new Dictionary<ILocalMedia, MediaFacts>(SameInstance.Comparer);
                    facts[image] = await InspectAsync(source, limits.MaxImageBytes, audio: false, useAsync, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var audio in request.Definition.LocalAudio(request))
            {
                if (((ILocalMedia)audio).Source is { } source && facts?.ContainsKey(audio) != true)
                {
                    facts ??= new Dictionary<ILocalMedia, MediaFacts>(SameInstance.Comparer);
                    facts[audio] = await InspectAsync(source, limits.MaxAudioBytes, audio: true, useAsync, cancellationToken).ConfigureAwait(false);
                }
            }

            return new PreparedRequest(request, facts, ownsMedia);
        }
        catch when (ownsMedia)
        {
            // The call owns its media even when reading them fails or is canceled: release them before giving up.
            request.Definition.ReleaseAfterCall(request);
            throw;
        }
    }

    /// <summary>What preparing found for <paramref name="image"/>; null for no image or a URL image (nothing local to read).</summary>
    public MediaFacts? FactsOf(KlingImage? image) => Find(image);

    /// <summary>What preparing found for <paramref name="audio"/>; null for no audio or a URL one (nothing local to read).</summary>
    public MediaFacts? FactsOf(KlingAudio? audio) => Find(audio);

    /// <summary>The external id a create sends instead of the request's own (the id the client chose for the create).</summary>
    public string? ExternalTaskId { get; set; }

    /// <summary>A fresh body for one attempt; every attempt of a create writes the same bytes, with <see cref="ExternalTaskId"/>.</summary>
    public HttpContent CreateContent()
    {
#if NET
        ObjectDisposedException.ThrowIf(_disposed, this);
#else
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(PreparedRequest));
        }
#endif

        return new KlingRequestContent(Request, externalTaskId: ExternalTaskId);
    }

    /// <summary>Releases what the call owns for each local image, once.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsMedia)
        {
            Request.Definition.ReleaseAfterCall(Request);
        }
    }

    private MediaFacts? Find(ILocalMedia? media) => media is not null && _facts is not null && _facts.TryGetValue(media, out var facts) ? facts : null;

    /// <summary>Compares media by instance (two equal-looking streams are still two streams).</summary>
    private sealed class SameInstance : IEqualityComparer<ILocalMedia>
    {
        public static readonly SameInstance Comparer = new();

        public bool Equals(ILocalMedia? x, ILocalMedia? y) => ReferenceEquals(x, y);

        public int GetHashCode(ILocalMedia obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static bool IsReadFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or NotSupportedException;

    private static async Task<MediaFacts> InspectAsync(ImageSource source, long maxBytes, bool audio, bool useAsync, CancellationToken cancellationToken)
    {
        var length = default(ImageLength);
        try
        {
            length = await source.PrepareAsync(maxBytes, useAsync, cancellationToken).ConfigureAwait(false);
            using var reader = source.OpenByteReader();
            if (audio)
            {
                return AudioHeaderReader.TryRead(reader, out var audioHeader, out var audioProblem)
                    ? new MediaFacts(length, null, null, null, source.Description, audioHeader)
                    : new MediaFacts(length, null, audioProblem, null, source.Description);
            }

            return ImageHeaderReader.TryRead(reader, out var header, out var problem)
                ? new MediaFacts(length, header, null, null, source.Description)
                : new MediaFacts(length, null, problem, null, source.Description);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            return new MediaFacts(length, null, null, ex.Message, source.Description);
        }
    }
}
