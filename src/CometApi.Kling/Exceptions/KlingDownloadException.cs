using System.Net;

namespace CometApi.Kling;

/// <summary>
/// A video could not be downloaded completely: the link answered an error (often an expired link), the connection
/// broke, or fewer (or more) bytes arrived than announced. Nothing was left at the destination path.
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
    /// <param name="statusCode">The video host's HTTP status, if it answered with an error.</param>
    /// <param name="isRetryable">Whether downloading the same URL again may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public KlingDownloadException(string message, HttpStatusCode? statusCode, bool isRetryable, Exception? innerException = null)
        : base(message, isRetryable, innerException) => StatusCode = statusCode;

    /// <summary>
    /// The succeeded task whose result could not be saved, when the download was part of "create → wait → download"
    /// (<see cref="KlingClient.GenerateAsync"/>): the task is paid for and its result URLs are here, so download them again
    /// (<see cref="KlingClient.DownloadResultsAsync"/>), or query the task for fresh links if they expired.
    /// </summary>
    public TaskResponse? Task { get; internal init; }

    /// <summary>The video host's HTTP status when it answered with an error (403/404 usually mean the link expired).</summary>
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
