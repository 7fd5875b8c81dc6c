using CometApi.Kling.Images;

namespace CometApi.Kling;

/// <summary>
/// Checks a request of any kind against <see cref="KlingValidationLimits"/> and returns every problem at once. The
/// client runs it before sending anything; call it yourself to check a request early (e.g. when a user submits a form).
/// </summary>
/// <remarks>
/// Local images (bytes, base64, file, stream) are checked from their headers only: JPEG or PNG by their signature, byte
/// size, width and height, aspect ratio. URL images are not downloaded. Checking a stream that cannot seek copies it to a
/// temporary file, because its size is only known once it has been read. Kling's own rules about its models and newer
/// fields (no <c>cfg_scale</c> with a kling-v2.x model; voices, elements and multi-shot) are checked under any limits.
/// Thread-safe.
/// </remarks>
public sealed class KlingRequestValidator
{
    private readonly KlingValidationLimits _limits;

    /// <summary>Creates a validator with the CometAPI limits (the defaults of <see cref="KlingValidationLimits"/>).</summary>
    public KlingRequestValidator()
        : this(new KlingValidationLimits())
    {
    }

    /// <summary>Creates a validator with the given limits (copied: later changes to <paramref name="limits"/> do not affect it).</summary>
    /// <param name="limits">The limits to check against.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A limit cannot be used (e.g. a negative length); the message names it.</exception>
    public KlingRequestValidator(KlingValidationLimits limits)
    {
        if (limits is null)
        {
            throw new ArgumentNullException(nameof(limits));
        }

        var problems = limits.Problems(nameof(KlingValidationLimits)).ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(limits));
        }

        _limits = limits.Clone();
    }

    /// <summary>Checks the request, reading the headers of its local images.</summary>
    /// <param name="request">The request to check (any kind).</param>
    /// <returns>Every problem found, in field order; empty when the request can be sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<KlingValidationError> Validate(KlingTaskRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // With useAsync: false nothing awaits for real, so this completes synchronously.
        return ValidateAsync(request, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Checks the request, reading the headers of its local images asynchronously: prefer it in async code when the
    /// request holds a stream that cannot seek, which is read to its end (up to the size limit) to be measured.
    /// </summary>
    /// <param name="request">The request to check (any kind).</param>
    /// <param name="cancellationToken">Cancels reading the images.</param>
    /// <returns>Every problem found, in field order; empty when the request can be sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyList<KlingValidationError>> ValidateAsync(KlingTaskRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return ValidateAsync(request, useAsync: true, cancellationToken);
    }

    /// <summary>
    /// Checks the request; with <paramref name="useAsync"/>, reads (and copies non-seekable streams) asynchronously. The
    /// media stay the request's: it can still be sent (a copied stream is reused by that call, which then releases it).
    /// </summary>
    internal async Task<IReadOnlyList<KlingValidationError>> ValidateAsync(KlingTaskRequest request, bool useAsync, CancellationToken cancellationToken)
    {
        using var prepared = await PreparedRequest.PrepareAsync(request, _limits, ownsMedia: false, useAsync, cancellationToken).ConfigureAwait(false);
        return ValidatePrepared(prepared);
    }

    /// <summary>Checks a prepared request: pure, its media were read by <paramref name="prepared"/>.</summary>
    internal IReadOnlyList<KlingValidationError> ValidatePrepared(PreparedRequest prepared) =>
        prepared.Request.Definition.Validate(prepared.Request, _limits, prepared);

    /// <summary>The limits this validator checks against (its own copy).</summary>
    internal KlingValidationLimits Limits => _limits;
}
