namespace CometApi.Kling.Http;

/// <summary>Removes the API key from any text the SDK shows (server messages may echo headers back).</summary>
internal sealed class SecretRedactor(string? secret)
{
    internal const string Mask = "[REDACTED]";

    public string? Redact(string? text) =>
        text is null || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask);
}
