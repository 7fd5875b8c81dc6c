namespace CometApi.Kling.Testing;

/// <summary>
/// What the emulator made of one request's <c>Authorization</c> header (<see cref="KlingEmulatorRequest.Authentication"/>),
/// so a test can see which credential a client sent and, for JWTs, which claims it chose, without the emulator keeping
/// any secret. To count the distinct tokens a client used, compare the requests' <c>Authorization</c> headers.
/// </summary>
public sealed class KlingEmulatorAuthentication
{
    internal KlingEmulatorAuthentication(KlingEmulatorCredentialKind kind, int? errorCode, string? accessKey = null, DateTimeOffset? notBefore = null, DateTimeOffset? expiresAt = null)
    {
        Kind = kind;
        ErrorCode = errorCode;
        AccessKey = accessKey;
        NotBefore = notBefore;
        ExpiresAt = expiresAt;
    }

    /// <summary>The kind of credential presented.</summary>
    public KlingEmulatorCredentialKind Kind { get; }

    /// <summary>
    /// Kling's code of the refusal (answered with HTTP 401): 1000 unknown key, unknown access key or bad signature, 1001
    /// header empty, 1002 malformed, 1003 not yet valid (<c>nbf</c>), 1004 expired (<c>exp</c>); <see langword="null"/>
    /// when the credential was accepted.
    /// </summary>
    public int? ErrorCode { get; }

    /// <summary>Whether the credential was accepted.</summary>
    public bool Succeeded => ErrorCode is null;

    /// <summary>A JWT's <c>iss</c> (the access key it claims), once the token could be decoded; otherwise <see langword="null"/>.</summary>
    public string? AccessKey { get; }

    /// <summary>A JWT's <c>nbf</c> claim, once the token could be decoded.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>A JWT's <c>exp</c> claim, once the token could be decoded.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Describes the outcome without any secret, e.g. <c>Jwt ak-kling-emulator -> 1004</c>.</summary>
    public override string ToString() =>
        $"{Kind}{(AccessKey is null ? string.Empty : " " + AccessKey)} -> {(ErrorCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "accepted")}";
}
