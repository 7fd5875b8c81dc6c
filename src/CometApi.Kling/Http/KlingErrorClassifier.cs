using System.Net;

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

    /// <summary>What a Kling code means and what the caller should do, or <see langword="null"/> for an unknown code.</summary>
    public static string? Describe(int code) => code switch
    {
        1000 => "authentication failed; check the API key",
        1001 => "the Authorization header is empty; set KlingClientOptions.ApiKey",
        1002 => "the Authorization header is invalid; check the API key",
        1003 => "the authorization is not valid yet",
        1004 => "the authorization has expired; use a current key",
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
}
