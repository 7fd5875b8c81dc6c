namespace CometApi.Kling.Http;

/// <summary>
/// Tokens signed from a Kling access key + secret key (<see cref="KlingJwt"/>), on the client's clock: one token is
/// reused by every request until <see cref="RenewBefore"/> its expiry, then replaced; a token the service calls expired
/// or not yet valid is replaced once. The secret key never leaves this object except as the HMAC key.
/// </summary>
internal sealed class SignedTokenCredential : KlingCredential
{
    /// <summary>
    /// How long before its expiry a token stops being handed out: a request that takes it must still arrive while it is
    /// valid, even after a slow upload or a small clock difference.
    /// </summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _timeProvider;
    private readonly string _accessKey;
    private readonly string _secretKey;
    private KlingAuthorization? _current;

    public SignedTokenCredential(KlingCredentialSettings settings, TimeProvider timeProvider)
        : base(settings)
    {
        _timeProvider = timeProvider;
        _accessKey = settings.AccessKey ?? string.Empty;
        _secretKey = settings.SecretKey ?? string.Empty;
        // That both are set is checked with the other options (KlingClientOptionsValidator), before a client exists.
        Problem = !IsHeaderSafe(_accessKey) || !IsHeaderSafe(_secretKey)
            ? "KlingClientOptions.AccessKey or SecretKey contains a space, line break, control or non-ASCII character that no Kling key has, so nothing was sent. Check them for stray whitespace."
            : null;
    }

    public override string? Problem { get; }

    public override KlingAuthorization Current()
    {
        var now = _timeProvider.GetUtcNow();
        var current = Volatile.Read(ref _current);
        if (current is not null && now < current.RenewAt)
        {
            return current;
        }

        // Two requests may mint at once when a token runs out: both tokens are valid, either may stay.
        var token = KlingJwt.Create(_accessKey, _secretKey, now);
        var fresh = new KlingAuthorization("Bearer " + token, new SecretRedactor(token, _secretKey), _timeProvider)
        {
            RenewAt = now + KlingJwt.Lifetime - RenewBefore,
        };
        Volatile.Write(ref _current, fresh);
        return fresh;
    }

    public override bool Renew(KlingAuthorization rejected)
    {
        // Only the refused token is dropped: if another request already replaced it, its replacement stays.
        Interlocked.CompareExchange(ref _current, null, rejected);
        return true;
    }
}
