using System.Net;

namespace CometApi.Kling;

/// <summary>
/// The Kling API (or CometAPI in front of it) answered with an error: an HTTP error status, a body whose
/// <c>code</c> is not 0, or a body that is not the JSON it should be. The message says what to do; the
/// properties let code branch on it. It never contains the API key or the request body.
/// <see cref="KlingException.IsRetryable"/> is true for a rate limit (429, Kling 1302/1303), a server fault (5xx, Kling
/// 5000-5002) or an unreadable answer, of a call safe to repeat; a create that met one is settled by the client (it is
/// retried or looked up), so from a create it is true only when no task was made.
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

    /// <summary>Creates the exception with every detail the service gave (tests: <see cref="KlingModelFactory.KlingApiException"/>).</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">Kling's numeric <c>code</c>, if the body had one.</param>
    /// <param name="serverMessage">The service's own message.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <param name="gatewayErrorType">The gateway's <c>error.type</c>.</param>
    /// <param name="gatewayErrorCode">The gateway's <c>error.code</c>.</param>
    /// <param name="isRetryable">Whether sending the same request again later may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <param name="retryAfter">How long the service asked to wait before retrying (<c>Retry-After</c>), if it said.</param>
    internal KlingApiException(
        string message,
        HttpStatusCode statusCode,
        int? code = null,
        string? serverMessage = null,
        string? requestId = null,
        string? gatewayErrorType = null,
        string? gatewayErrorCode = null,
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
        GatewayErrorType = gatewayErrorType;
        GatewayErrorCode = gatewayErrorCode;
    }

    /// <summary>The HTTP status of the response (200 when the body carried a non-zero <c>code</c>).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Kling's numeric error code, e.g. 1201 (invalid parameter) or 1303 (too many parallel tasks).</summary>
    public int? Code { get; }

    /// <summary>The service's own message, e.g. <c>"parallel task over resource pack limit"</c>.</summary>
    public string? ServerMessage { get; }

    /// <summary>The service's id for the failed request, worth quoting to support.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// The gateway's error type: <c>error.type</c> of the <c>{"error":{"message","type","param","code"}}</c> body that
    /// CometAPI writes when it refuses a request itself (e.g. <c>comet_api_error</c>). <see langword="null"/> when Kling
    /// answered (its errors are <see cref="Code"/>) and always on Kling's own host.
    /// </summary>
    public string? GatewayErrorType { get; }

    /// <summary>
    /// The gateway's error code: <c>error.code</c> of CometAPI's own error body (e.g. <c>invalid_request</c>, which makes
    /// even an HTTP 500 not retryable); sometimes empty. <see langword="null"/> when Kling answered and on Kling's own host.
    /// </summary>
    public string? GatewayErrorCode { get; }

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
