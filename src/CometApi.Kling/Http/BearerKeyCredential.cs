namespace CometApi.Kling.Http;

/// <summary>A key sent as it is (<c>Authorization: Bearer &lt;key&gt;</c>): a CometAPI key, or a Kling API key on Kling's own host.</summary>
internal sealed class BearerKeyCredential : KlingCredential
{
    private readonly KlingAuthorization _authorization;

    public BearerKeyCredential(KlingCredentialSettings settings, TimeProvider timeProvider)
        : base(settings)
    {
        var apiKey = settings.ApiKey;
        _authorization = new KlingAuthorization("Bearer " + apiKey, new SecretRedactor(apiKey), timeProvider);
        Problem = string.IsNullOrWhiteSpace(apiKey) ? Missing(settings.Host)
            : !IsHeaderSafe(apiKey!) ? Unsafe(settings.Host)
            : null;
    }

    public override string? Problem { get; }

    public override KlingAuthorization Current() => _authorization;

    private static string Missing(KlingHost host) => host == KlingHost.Official
        ? "No Kling credentials are configured, so nothing was sent. Set KlingClientOptions.ApiKey to a Kling API key, or AccessKey + SecretKey."
        : $"No CometAPI key is configured, so nothing was sent. Set KlingClientOptions.ApiKey or the {KlingClientOptions.ApiKeyEnvironmentVariable} environment variable.";

    // A key read from a file often ends in a newline. Said here, without the key, rather than by the HTTP stack.
    private static string Unsafe(KlingHost host) =>
        $"The {(host == KlingHost.Official ? "Kling API" : "CometAPI")} key contains a character no API key has and that cannot be sent safely in an HTTP header (a space, line break, tab, control or non-ASCII character), so nothing was sent. Check KlingClientOptions.ApiKey for stray whitespace.";
}
