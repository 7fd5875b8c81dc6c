using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// Judges a request's <c>Authorization</c> header as the emulated host does (kling-catalogue §6.4): CometAPI takes API
/// keys only; Kling's own host takes API keys and access-key JWTs (HS256, <c>iss</c>, <c>exp</c>, <c>nbf</c>) and refuses
/// with codes 1000 to 1004. Written from the documentation, not from the SDK's token code, so it catches the SDK's
/// mistakes instead of sharing them. No message names the token or a secret.
/// </summary>
internal sealed class EmulatorAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly EmulatorSettings _settings;

    public EmulatorAuthenticator(EmulatorSettings settings) => _settings = settings;

    /// <summary>The Bearer value, or null when the header is missing or not <c>Bearer &lt;one value&gt;</c>.</summary>
    private static string? BearerToken(EngineRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header) || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..];
        return token.Length == 0 || token.Any(char.IsWhiteSpace) ? null : token;
    }

    /// <summary>
    /// Checks the header at <paramref name="now"/>. Returns the account the request acts for (the API key, or a JWT's
    /// access key: every token of one access key sees the same tasks) or the 401 answer; both with what was seen.
    /// </summary>
    public AuthenticationResult Authenticate(EngineRequest request, DateTimeOffset now)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header) || string.IsNullOrWhiteSpace(header))
        {
            return Refuse(KlingEmulatorCredentialKind.None, 1001, "Authorization is empty");
        }

        if (BearerToken(request) is not { } token)
        {
            return Refuse(KlingEmulatorCredentialKind.None, 1002, "Authorization is invalid: expected 'Bearer <key>'");
        }

        if (_settings.Host == KlingHost.Official && LooksLikeJwt(token))
        {
            return CheckJwt(token, now);
        }

        return _settings.AcceptAnyApiKey || _settings.ApiKeys.Contains(token)
            ? new AuthenticationResult(token, null, new KlingEmulatorAuthentication(KlingEmulatorCredentialKind.ApiKey, null))
            : Refuse(KlingEmulatorCredentialKind.ApiKey, 1000, "Authentication failed: unknown API key");
    }

    /// <summary>Three non-empty dot-separated parts of base64url characters: what a compact JWS looks like.</summary>
    private static bool LooksLikeJwt(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3 && parts.All(part => part.Length > 0 && part.All(IsBase64UrlChar));
    }

    private static bool IsBase64UrlChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static AuthenticationResult Refuse(KlingEmulatorCredentialKind kind, int code, string message, string? accessKey = null, DateTimeOffset? notBefore = null, DateTimeOffset? expiresAt = null) =>
        new(
            null,
            new EngineResponse((int)HttpStatusCode.Unauthorized, WireJson.KlingError(code, message, Guid.NewGuid().ToString("D")), "application/json"),
            new KlingEmulatorAuthentication(kind, code, accessKey, notBefore, expiresAt));

    private AuthenticationResult CheckJwt(string token, DateTimeOffset now)
    {
        const KlingEmulatorCredentialKind Jwt = KlingEmulatorCredentialKind.Jwt;
        var parts = token.Split('.');
        if (DecodeObject(parts[0]) is not { } header)
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: the token's header is not base64url JSON");
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: the token's alg must be HS256");
        }

        if (DecodeObject(parts[1]) is not { } claims)
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: the token's claims are not base64url JSON");
        }

        if (!claims.TryGetProperty("iss", out var issElement) || issElement.ValueKind != JsonValueKind.String || issElement.GetString() is not { Length: > 0 } iss)
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: the token has no iss (access key)");
        }

        if (IntegerClaim(claims, "exp") is not { } exp || IntegerClaim(claims, "nbf") is not { } nbf)
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: exp and nbf must be integer seconds", iss);
        }

        DateTimeOffset expiresAt, notBefore;
        try
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
            notBefore = DateTimeOffset.FromUnixTimeSeconds(nbf);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Refuse(Jwt, 1002, "Authorization is invalid: exp or nbf is out of range", iss);
        }

        if (!_settings.AccessKeys.TryGetValue(iss, out var secret))
        {
            return Refuse(Jwt, 1000, "Authentication failed: unknown access key", iss, notBefore, expiresAt);
        }

        var expected = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (DecodeBase64Url(parts[2]) is not { } signature || !CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return Refuse(Jwt, 1000, "Authentication failed: the token's signature does not match", iss, notBefore, expiresAt);
        }

        if (now < notBefore)
        {
            return Refuse(Jwt, 1003, "Authorization is not yet valid (nbf is in the future; check the clock)", iss, notBefore, expiresAt);
        }

        if (now >= expiresAt)
        {
            return Refuse(Jwt, 1004, "Authorization has expired (exp has passed; issue a new token)", iss, notBefore, expiresAt);
        }

        return new AuthenticationResult(iss, null, new KlingEmulatorAuthentication(Jwt, null, iss, notBefore, expiresAt));
    }

    private static long? IntegerClaim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static JsonElement? DecodeObject(string part)
    {
        if (DecodeBase64Url(part) is not { } bytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? DecodeBase64Url(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        base64 = (base64.Length % 4) switch
        {
            2 => base64 + "==",
            3 => base64 + "=",
            _ => base64,
        };
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
