using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace CometApi.Kling;

/// <summary>
/// Checks the signature Kling adds to its callbacks once a webhook secret exists on the account (the Standard Webhooks
/// scheme: headers <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), and refuses stale and
/// replayed deliveries. Sealed and thread-safe: create one per set of secrets and share it.
/// </summary>
/// <remarks>
/// The signature is checked first, then the timestamp, then the id: so <see cref="KlingCallbackVerification.Stale"/>
/// and <see cref="KlingCallbackVerification.Replayed"/> only ever describe authentic deliveries (a clock out of step
/// shows as Stale rather than hiding among forgeries), and an id is remembered only after its signature proved it
/// authentic, so a forged delivery can never make a genuine one look like a replay.
/// </remarks>
public sealed class KlingCallbackVerifier
{
    /// <summary>The header with the delivery's unique id.</summary>
    public const string WebhookIdHeader = "webhook-id";

    /// <summary>The header with the Unix time (seconds) of the delivery.</summary>
    public const string WebhookTimestampHeader = "webhook-timestamp";

    /// <summary>The header with the space-separated <c>v1,&lt;base64&gt;</c> signatures.</summary>
    public const string WebhookSignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private const string SignatureVersion = "v1";
    private const int SignatureLength = 32; // HMAC-SHA256

    // The longest tolerance accepted; far beyond any clock skew, and it keeps "twice the tolerance" far from overflowing.
    private static readonly TimeSpan MaxTolerance = TimeSpan.FromDays(1);

    private readonly byte[][] _keys;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _timeProvider;
    private readonly CallbackReplayGuard _replays;

    /// <summary>Creates a verifier; the secrets are decoded and copied now, so later changes to <paramref name="options"/> do not apply.</summary>
    /// <param name="options">The secrets, tolerance, clock and replay memory.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is unusable (the message names it, never quoting a secret).</exception>
    public KlingCallbackVerifier(KlingCallbackVerifierOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var problems = new List<string>();
        var keys = new List<byte[]>();
        var secrets = options.Secrets;
        if (secrets is null || secrets.Count == 0)
        {
            problems.Add("Secrets must hold at least one webhook secret (whsec_..., from the Kling console: Basic Settings → Webhook).");
        }
        else
        {
            for (var i = 0; i < secrets.Count; i++)
            {
                if (TryDecodeSecret(secrets[i], out var key, out var problem))
                {
                    keys.Add(key);
                }
                else
                {
                    problems.Add($"Secrets[{i}] {problem}");
                }
            }
        }

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > MaxTolerance)
        {
            problems.Add($"Tolerance must be more than zero and at most one day (was {options.Tolerance}).");
        }

        if (options.TimeProvider is null)
        {
            problems.Add("TimeProvider must be set.");
        }

        if (options.ReplayCacheCapacity < 1)
        {
            problems.Add($"ReplayCacheCapacity must be at least 1 (was {options.ReplayCacheCapacity}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("KlingCallbackVerifierOptions cannot be used: " + string.Join(" ", problems), nameof(options));
        }

        _keys = keys.ToArray();
        _tolerance = options.Tolerance;
        _timeProvider = options.TimeProvider!;

        // A delivery stamped up to one tolerance in the future stays fresh until one tolerance after its stamp, so an
        // accepted id must be remembered for twice the tolerance to refuse every replay the timestamp check lets through.
        _replays = new CallbackReplayGuard(options.ReplayCacheCapacity, options.Tolerance + options.Tolerance);
    }

    /// <summary>Checks one delivery: its three signature headers (as received) and its body bytes exactly as received.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header (Unix seconds).</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header (space-separated <c>v1,&lt;base64&gt;</c> entries; other versions are ignored).</param>
    /// <param name="body">The raw body; do not re-serialize it, a single changed byte breaks the signature.</param>
    /// <returns>
    /// <see cref="KlingCallbackVerification.Valid"/> when any <c>v1</c> signature matches under any secret, the timestamp
    /// is within the tolerance and the id was not accepted before (it is remembered from now on); otherwise why not.
    /// </returns>
    public KlingCallbackVerification Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(webhookId) || string.IsNullOrWhiteSpace(webhookTimestamp) || string.IsNullOrWhiteSpace(webhookSignature))
        {
            return KlingCallbackVerification.MissingSignature;
        }

        if (!SignatureMatches(webhookId!, webhookTimestamp!, webhookSignature!, body))
        {
            return KlingCallbackVerification.InvalidSignature;
        }

        var now = _timeProvider.GetUtcNow();
        if (!IsFresh(webhookTimestamp!, now))
        {
            return KlingCallbackVerification.Stale;
        }

        return _replays.TryAccept(webhookId!, now) ? KlingCallbackVerification.Valid : KlingCallbackVerification.Replayed;
    }

    /// <summary>
    /// Forgets an accepted delivery id, so that the same delivery is accepted again: call it when a verified delivery
    /// could not be processed and you answer so that the sender retries (e.g. 503), since the retry carries the same id.
    /// </summary>
    /// <param name="webhookId">The <c>webhook-id</c> of the delivery.</param>
    /// <returns>Whether the id was remembered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="webhookId"/> is <see langword="null"/>.</exception>
    public bool Forget(string webhookId)
    {
        if (webhookId is null)
        {
            throw new ArgumentNullException(nameof(webhookId));
        }

        return _replays.Forget(webhookId);
    }

    /// <summary>Describes the verifier by the number of its secrets, never a secret.</summary>
    public override string ToString() =>
        $"KlingCallbackVerifier {{ Secrets = {_keys.Length} (redacted), Tolerance = {_tolerance}, RememberedIds = {_replays.Count} }}";

    private static bool TryDecodeSecret(string? secret, out byte[] key, out string problem)
    {
        key = [];
        problem = string.Empty;
        var trimmed = secret?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problem = "is empty.";
            return false;
        }

        if (!trimmed!.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            problem = "does not start with 'whsec_': copy the whole webhook secret from the Kling console.";
            return false;
        }

        try
        {
            key = Convert.FromBase64String(trimmed.Substring(SecretPrefix.Length));
        }
        catch (FormatException)
        {
            // The exception's own text is not passed on: nothing about the secret's content leaves this method.
            problem = "is not base64 after 'whsec_': check that it was copied whole.";
            return false;
        }

        if (key.Length == 0)
        {
            problem = "has no key after 'whsec_'.";
            return false;
        }

        return true;
    }

    private bool SignatureMatches(string webhookId, string webhookTimestamp, string webhookSignature, ReadOnlySpan<byte> body)
    {
        var candidates = ReadSignatures(webhookSignature);
        if (candidates.Count == 0)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(webhookId + "." + webhookTimestamp + ".");
#if !NET
        // IncrementalHash takes only arrays on netstandard2.0.
        var bodyBytes = body.ToArray();
#endif
        foreach (var key in _keys)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
#if NET
            hmac.AppendData(body);
#else
            hmac.AppendData(bodyBytes);
#endif
            var expected = hmac.GetHashAndReset();
            foreach (var candidate in candidates)
            {
                if (FixedTimeEquals(expected, candidate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The decoded <c>v1</c> signatures of the header; other versions and malformed entries are skipped.</summary>
    private static List<byte[]> ReadSignatures(string header)
    {
        var signatures = new List<byte[]>(2);
        foreach (var entry in header.Split([' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma <= 0 || !string.Equals(entry.Substring(0, comma), SignatureVersion, StringComparison.Ordinal))
            {
                continue;
            }

            byte[] value;
            try
            {
                value = Convert.FromBase64String(entry.Substring(comma + 1));
            }
            catch (FormatException)
            {
                continue;
            }

            if (value.Length == SignatureLength)
            {
                signatures.Add(value);
            }
        }

        return signatures;
    }

    private bool IsFresh(string webhookTimestamp, DateTimeOffset now)
    {
        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        // Both are at most long.MaxValue and at least zero, so the difference cannot overflow.
        var difference = now.ToUnixTimeSeconds() - seconds;
        return Math.Abs((double)difference) <= _tolerance.TotalSeconds;
    }

#if NET
    private static bool FixedTimeEquals(byte[] left, byte[] right) => CryptographicOperations.FixedTimeEquals(left, right);
#else
    /// <summary>
    /// netstandard2.0 has no <c>CryptographicOperations.FixedTimeEquals</c>. An ordinary comparison stops at the first
    /// differing byte, and that timing would let a sender find a valid signature byte by byte; this loop always reads
    /// every byte, and is kept from being inlined or optimised into an early exit.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }
#endif
}
