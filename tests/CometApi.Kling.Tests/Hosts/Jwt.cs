using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>Reads a JWT the way a server does, written here from RFC 7519 and not from the SDK's code.</summary>
internal static class Jwt
{
    public static (JsonElement Header, JsonElement Claims, bool SignatureValid) Read(string authorization, string secretKey)
    {
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var token = authorization["Bearer ".Length..];
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Decode(parts[0])).RootElement.Clone();
        var claims = JsonDocument.Parse(Decode(parts[1])).RootElement.Clone();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return (header, claims, CryptographicOperations.FixedTimeEquals(expected, Decode(parts[2])));
    }

    private static byte[] Decode(string base64Url)
    {
        Assert.DoesNotContain('=', base64Url);
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
