using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Testing.Tests.Infrastructure;

/// <summary>Builds compact HS256 JWTs by hand (RFC 7519), independent of the SDK and of the emulator's checker.</summary>
internal static class TestJwt
{
    public static string Create(string accessKey, string secretKey, DateTimeOffset now, TimeSpan? lifetime = null, TimeSpan? notBeforeOffset = null, string alg = "HS256")
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = accessKey,
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(30))).ToUnixTimeSeconds(),
            ["nbf"] = (now + (notBeforeOffset ?? TimeSpan.FromSeconds(-5))).ToUnixTimeSeconds(),
        };
        return Sign(JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" }), JsonSerializer.Serialize(claims), secretKey);
    }

    public static string Sign(string headerJson, string claimsJson, string secretKey)
    {
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url(Encoding.UTF8.GetBytes(claimsJson));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
