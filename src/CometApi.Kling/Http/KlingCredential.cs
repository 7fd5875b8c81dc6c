namespace CometApi.Kling.Http;

/// <summary>
/// Where a request's <c>Authorization</c> comes from: a Bearer key (<see cref="BearerKeyCredential"/>) or tokens signed
/// from an access key + secret key (<see cref="SignedTokenCredential"/>). The sender asks for it per request, so
/// nothing about credentials lives in <see cref="HttpClient.DefaultRequestHeaders"/> or reaches a download.
/// </summary>
internal abstract class KlingCredential
{
    protected KlingCredential(KlingCredentialSettings settings) => Settings = settings;

    public KlingCredentialSettings Settings { get; }

    /// <summary>Why nothing can be sent with these credentials (never quoting them), or <see langword="null"/>.</summary>
    public abstract string? Problem { get; }

    /// <summary>The authorization for the next request.</summary>
    public abstract KlingAuthorization Current();

    /// <summary>
    /// Told that the service refused <paramref name="rejected"/> as expired or not yet valid (1003/1004): whether sending
    /// once more with a fresh authorization can help. Only signed tokens can be renewed.
    /// </summary>
    public virtual bool Renew(KlingAuthorization rejected) => false;

    public static KlingCredential From(KlingCredentialSettings settings, TimeProvider timeProvider) =>
        settings.UsesSignedTokens ? new SignedTokenCredential(settings, timeProvider) : new BearerKeyCredential(settings, timeProvider);

    /// <summary>Whether <paramref name="value"/> can go into a header as it is (printable ASCII, no space).</summary>
    protected static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Settings.ToString();
}
