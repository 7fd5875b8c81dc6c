namespace CometApi.Kling.Http;

/// <summary>
/// What one request sends and hides: the <c>Authorization</c> header value, the redactor that keeps it (and any secret
/// behind it) out of every message, and the response reader using that redactor. Made once per key or token, not per
/// request: a parsed header and a reader cost a few objects each.
/// </summary>
internal sealed class KlingAuthorization
{
    public KlingAuthorization(string headerValue, SecretRedactor redactor, TimeProvider timeProvider)
    {
        HeaderValue = headerValue;
        Redactor = redactor;
        Reader = new KlingResponseReader(redactor, timeProvider);
    }

    public string HeaderValue { get; }

    public SecretRedactor Redactor { get; }

    public KlingResponseReader Reader { get; }

    /// <summary>When a signed token should be replaced before use (<see cref="DateTimeOffset.MaxValue"/> for a key).</summary>
    public DateTimeOffset RenewAt { get; init; } = DateTimeOffset.MaxValue;

    public override string ToString() => "Authorization (redacted)";
}
