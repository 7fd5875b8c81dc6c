using System.Net;

namespace CometApi.Kling;

/// <summary>
/// The Kling API (or CometAPI in front of it) answered with an error: an HTTP error status, a body whose
/// <c>code</c> is not 0, or a body that is not the JSON it should be. The message says what to do; the
/// properties let code branch on it. It never contains the API key or the request body.
/// </summary>
public class KlingApiException : KlingException
{
    /// <summary>Creates the exception.</summary>
    public KlingApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public KlingApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with every detail the service gave (also handy to simulate errors in tests).</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">Kling's numeric <c>code</c>, if the body had one.</param>
    /// <param name="serverMessage">The service's own message.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <param name="errorType">CometAPI's <c>error.type</c>.</param>
    /// <param name="errorCode">CometAPI's <c>error.code</c>.</param>
    /// <param name="isRetryable">Whether sending the same request again later may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <param name="retryAfter">How long the service asked to wait before retrying (<c>Retry-After</c>), if it said.</param>
    public KlingApiException(
        string message,
        HttpStatusCode statusCode,
        int? code = null,
        string? serverMessage = null,
        string? requestId = null,
        string? errorType = null,
        string? errorCode = null,
        bool isRetryable = false,
        Exception? innerException = null,
        TimeSpan? retryAfter = null)
        : base(message, isRetryable, innerException)
    {
        RetryAfter = retryAfter is { } wait && wait < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
        StatusCode = statusCode;
        Code = code;
        ServerMessage = serverMessage;
        RequestId = requestId;
        ErrorType = errorType;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status of the response (200 when the body carried a non-zero <c>code</c>).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Kling's numeric error code, e.g. 1201 (invalid parameter) or 1303 (too many parallel tasks).</summary>
    public int? Code { get; }

    /// <summary>The service's own message, e.g. <c>"parallel task over resource pack limit"</c>.</summary>
    public string? ServerMessage { get; }

    /// <summary>The service's id for the failed request, worth quoting to support.</summary>
    public string? RequestId { get; }

    /// <summary>CometAPI's error type (<c>error.type</c>, e.g. <c>comet_api_error</c>), when it answered itself.</summary>
    public string? ErrorType { get; }

    /// <summary>CometAPI's error code (<c>error.code</c>, e.g. <c>invalid_request</c>), when it answered itself.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// How long the service asked to wait before retrying, from its <c>Retry-After</c> header (seconds or an HTTP date,
    /// measured against <see cref="KlingClientOptions.TimeProvider"/>); never negative. <see langword="null"/> when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The response had a <c>Retry-After</c> header that could not be read (garbage or out of range).</summary>
    internal bool RetryAfterUnreadable { get; set; }

    /// <summary>A lookup by external id proved that no task has that id (an empty list).</summary>
    internal bool IsNoSuchTask { get; init; }
}
