namespace CometApi.Kling.Http;

/// <summary>
/// The credentials of <see cref="KlingClientOptions"/> at one moment: a Bearer key, or an access key + secret key pair
/// (which wins when both are set). Compared by value, so a sender rebuilds what it derives from them only when they change.
/// </summary>
internal sealed class KlingCredentialSettings : IEquatable<KlingCredentialSettings>
{
    public KlingCredentialSettings(KlingHost host, string? apiKey, string? accessKey, string? secretKey)
    {
        Host = host;
        ApiKey = apiKey;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public KlingHost Host { get; }

    public string? ApiKey { get; }

    public string? AccessKey { get; }

    public string? SecretKey { get; }

    /// <summary>Whether tokens are signed from the access key + secret key instead of sending <see cref="ApiKey"/>.</summary>
    public bool UsesSignedTokens => !string.IsNullOrWhiteSpace(AccessKey) || !string.IsNullOrWhiteSpace(SecretKey);

    public static KlingCredentialSettings From(KlingClientOptions options) => new(options.Host, options.ApiKey, options.AccessKey, options.SecretKey);

    public bool Equals(KlingCredentialSettings? other) =>
        other is not null
        && Host == other.Host
        && string.Equals(ApiKey, other.ApiKey, StringComparison.Ordinal)
        && string.Equals(AccessKey, other.AccessKey, StringComparison.Ordinal)
        && string.Equals(SecretKey, other.SecretKey, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as KlingCredentialSettings);

    public override int GetHashCode() => (ApiKey?.Length ?? 0) ^ ((AccessKey?.Length ?? 0) << 8) ^ (int)Host;

    // Never the values: this type holds secrets.
    public override string ToString() => UsesSignedTokens ? "access key + secret key (redacted)" : "API key (redacted)";
}
