using System.Text;
using System.Text.Json;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// The <c>--json</c> document of <c>kling emulator --host official</c>: the CometAPI document's <c>base_address</c> and
/// <c>api_key</c>, plus the host, the route prefix and the emulator's public test access/secret key pair.
/// </summary>
internal static class EmulatorConnectionJson
{
    public static string Write(Uri baseAddress, string apiKey, string? accessKey, string? secretKey, KlingEmulatorOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("base_address", baseAddress.ToString());
            writer.WriteString("api_key", apiKey);
            writer.WriteString("host", "official");
            writer.WriteString("route_prefix", "v1/");
            if (accessKey is not null)
            {
                writer.WriteString("access_key", accessKey);
                writer.WriteString("secret_key", secretKey);
            }

            writer.WriteString("status_spelling", options.SucceededSpelling ? "succeeded" : "succeed");
            writer.WriteNumber("webhook_secrets", options.WebhookSecrets.Count);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
