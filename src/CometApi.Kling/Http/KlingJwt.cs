using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CometApi.Kling.Http;

/// <summary>
/// Signs the token Kling's own host takes from an access key + secret key (kling-catalogue §6.4): an HS256 JWT with
/// exactly the claims Kling documents. A JWT library would bring a JSON stack, key abstractions and reflection for three
/// claims and one HMAC; these few lines are trim/AOT-safe on every target and are checked against an independent
/// decoder in the tests (docs/security.md).
/// </summary>
internal static class KlingJwt
{
    /// <summary>How long a token is valid (Kling's example: 1800 s).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>How far back <c>nbf</c> is set, so a server clock slightly behind ours still accepts the token (Kling's example: 5 s).</summary>
    public static readonly TimeSpan NotBeforeLeeway = TimeSpan.FromSeconds(5);

    // {"alg":"HS256","typ":"JWT"}, base64url: the header never changes.
    private const string EncodedHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    /// <summary>A token for <paramref name="accessKey"/> valid from <paramref name="now"/> − 5 s to <paramref name="now"/> + 30 min.</summary>
    public static string Create(string accessKey, string secretKey, DateTimeOffset now)
    {
        var exp = (now + Lifetime).ToUnixTimeSeconds();
        var nbf = (now - NotBeforeLeeway).ToUnixTimeSeconds();
        var payload = "{\"iss\":" + JsonString(accessKey)
            + ",\"exp\":" + exp.ToString(CultureInfo.InvariantCulture)
            + ",\"nbf\":" + nbf.ToString(CultureInfo.InvariantCulture) + "}";
        var signingInput = EncodedHeader + "." + Base64Url(Encoding.UTF8.GetBytes(payload));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey));
        return signingInput + "." + Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The access key is the only free text in the token: escaped as JSON requires, without a serializer.
    private static string JsonString(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
