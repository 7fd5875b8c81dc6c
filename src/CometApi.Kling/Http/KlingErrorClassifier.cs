using System.Net;
using System.Net.Sockets;

namespace CometApi.Kling.Http;

/// <summary>
/// The one place that decides whether an error is worth retrying and what it means, from Kling's code table
/// (docs/kling-api.md section 4.1) and CometAPI's retry guidance. Polling, retries and exceptions all ask it.
/// </summary>
internal static class KlingErrorClassifier
{
    private const string CometInvalidRequest = "invalid_request";

    /// <summary>
    /// Whether the same request may succeed later. The body code wins over the HTTP status: HTTP 429 covers both
    /// throttling (1302/1303, retry) and billing or account states (1100-1102, 1304, never retry).
    /// </summary>
    public static bool IsRetryable(HttpStatusCode status, int? code, string? cometErrorCode)
    {
        if (code is { } kling && kling != 0)
        {
            return kling is 1302 or 1303 or (>= 5000 and <= 5002);
        }

        var http = (int)status;
        if (http >= 500)
        {
            // CometAPI: a 500 whose error code is invalid_request is a malformed request, not a fault.
            return !string.Equals(cometErrorCode, CometInvalidRequest, StringComparison.OrdinalIgnoreCase);
        }

        return http is 408 or 429;
    }

    /// <summary>
    /// Whether a call that failed with <paramref name="error"/> may be sent again as it is: a transient fault, and no
    /// <c>Retry-After</c> above <paramref name="maxRetryAfter"/> or unreadable (such a hint surfaces the error at once).
    /// </summary>
    public static bool IsTransient(Exception error, TimeSpan maxRetryAfter) => error switch
    {
        KlingApiException { RetryAfterUnreadable: true } => false,
        KlingApiException { RetryAfter: { } wait } when wait > maxRetryAfter => false,
        KlingDownloadException { RetryAfterUnreadable: true } => false,
        KlingDownloadException { RetryAfter: { } wait } when wait > maxRetryAfter => false,
        KlingException { IsRetryable: true } => true,
        _ => false,
    };

    /// <summary>The server's <c>Retry-After</c> carried by <paramref name="error"/>, if it has one (API and download errors alike).</summary>
    public static TimeSpan? RetryAfter(Exception? error) => error switch
    {
        KlingApiException { RetryAfter: { } wait } => wait,
        KlingDownloadException { RetryAfter: { } wait } => wait,
        _ => null,
    };

    /// <summary>
    /// Whether a failed create provably made no task, so it may be sent again with the same external id: the
    /// connection was never established (refused, DNS, TLS handshake), or the service refused it for throttling (1302/1303).
    /// Anything else that is transient (timeouts, resets after the body went out, 5xx) is ambiguous.
    /// </summary>
    public static bool IsNotProcessed(Exception error)
    {
        if (error is KlingApiException api)
        {
            return api.Code is 1302 or 1303;
        }

        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.TryAgain or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                return true;
            }
#if NET
            // A TLS handshake that fails comes before the request is written: nothing reached the service either.
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
#endif
        }

        return false;
    }

    /// <summary>Whether the service refused a create because its <c>external_task_id</c> is already taken (Kling code 1201).</summary>
    public static bool IsDuplicateExternalId(Exception error) =>
        error is KlingApiException { Code: 1201, ServerMessage: { } message }
        && Has(message, "external_task_id")
        && (Has(message, "exist") || Has(message, "duplicate") || Has(message, "unique"));

    /// <summary>Whether a lookup proved that no such task exists (HTTP 404 with code 1203, or an empty list).</summary>
    public static bool IsTaskNotFound(Exception error) =>
        error is KlingApiException { StatusCode: HttpStatusCode.NotFound } api && (api.Code == 1203 || api.IsNoSuchTask);

    /// <summary>What a Kling code means and what the caller should do, or <see langword="null"/> for an unknown code.</summary>
    public static string? Describe(int code) => code switch
    {
        1000 => "authentication failed; check the API key",
        1001 => "the Authorization header is empty; set KlingClientOptions.ApiKey",
        1002 => "the Authorization header is invalid; check the API key",
        1003 => "the signed token is not valid yet (its nbf is ahead of the server's clock); check this machine's clock",
        1004 => "the signed token has expired (or this machine's clock is behind); check the clock, or use a current key",
        1100 => "account exception; check the account's configuration (retrying will not help)",
        1101 => "the account is in arrears; recharge it (retrying will not help)",
        1102 => "the resource pack is used up or expired; buy a pack or enable postpaid billing (retrying will not help)",
        1103 => "no permission for this API or model; check the account's permissions",
        1200 => "invalid request parameters; fix the request",
        1201 => "invalid parameter (wrong key or illegal value); the server message names it",
        1202 => "the requested method is invalid",
        1203 => "the requested resource (e.g. the model) does not exist",
        1300 => "a platform policy was triggered",
        1301 => "the content safety policy was triggered; change the prompt or image",
        1302 => "requests are too fast; slow down and retry later",
        1303 => "too many tasks run in parallel for the resource pack; retry when one finishes",
        1304 => "the IP allow-list policy was triggered; contact support (retrying will not help)",
        5000 => "internal server error; retry later",
        5001 => "the service is temporarily unavailable (maintenance); retry later",
        5002 => "internal timeout; retry later",
        _ => null,
    };

#pragma warning disable CA2249 // string.Contains(string, StringComparison) does not exist on netstandard2.0.
    private static bool Has(string text, string value) => text.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
#pragma warning restore CA2249
}
