using System.Net;

namespace CometApi.Kling;

/// <summary>
/// A file could not be downloaded completely: the link answered an error (often an expired link), the connection
/// broke, or fewer (or more) bytes arrived than announced. Nothing was left at the destination path.
/// <see cref="KlingException.IsRetryable"/> says whether downloading the same URL again may succeed; when the download
/// was part of <see cref="KlingClient.GenerateAsync"/> it is false (repeating GenerateAsync would pay for a new task) and
/// <see cref="KlingException.LastKnownTask"/> is the succeeded, paid task with its result URLs: download from it again
/// (<see cref="KlingClient.DownloadResultsAsync"/>), or query it for fresh links if they expired.
/// </summary>
public class KlingDownloadException : KlingException
{
    /// <summary>Creates the exception.</summary>
    public KlingDownloadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public KlingDownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingDownloadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the details of the failed download.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="statusCode">The file host's HTTP status, if it answered with an error.</param>
    /// <param name="isRetryable">Whether downloading the same URL again may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    internal KlingDownloadException(string message, HttpStatusCode? statusCode, bool isRetryable, Exception? innerException = null)
        : base(message, isRetryable, innerException) => StatusCode = statusCode;

    /// <summary>The file host's HTTP status when it answered with an error (403/404 usually mean the link expired).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The video host's <c>Retry-After</c>, read on the options' clock (the retry honours it up to <see cref="KlingResilienceOptions.MaxRetryAfter"/>).</summary>
    internal TimeSpan? RetryAfter { get; init; }

    /// <summary>The host sent a <c>Retry-After</c> nobody can read: the error surfaces at once, as for API calls.</summary>
    internal bool RetryAfterUnreadable { get; init; }

    /// <summary>
    /// Downloading again could succeed, but not into this destination: the caller's stream already holds part of the
    /// video, cannot be rewound and the host does not resume. The download pipeline does not retry it.
    /// </summary>
    internal bool CannotContinue { get; set; }
}
