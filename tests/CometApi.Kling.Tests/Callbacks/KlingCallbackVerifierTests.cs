using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Callbacks;

public class KlingCallbackVerifierTests
{
    // Kling's published example (Get Started → Callbacks), recomputed independently: the fixed point of these tests.
    private const string OfficialSecret = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=";
    private const string OfficialId = "9876543210";
    private const string OfficialTimestamp = "1781080794";
    private const string OfficialBody = """{"id":"1234567890","status":"succeeded","message":"","create_time":1781080778802,"update_time":1781080794151}""";
    private const string OfficialSignature = "v1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=";

    private const string OtherSecret = "whsec_b3RoZXJzZWNyZXRvdGhlcnNlY3JldG90aGVyc2VjcmV0";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(OfficialTimestamp, System.Globalization.CultureInfo.InvariantCulture)));

    private KlingCallbackVerifier Verifier(params string[] secrets) =>
        new(new KlingCallbackVerifierOptions { Secrets = secrets, TimeProvider = _time });

    private static byte[] Body(string text = OfficialBody) => Encoding.UTF8.GetBytes(text);

    /// <summary>The tests' own signer (the SDK has none): base64(HMAC-SHA256(base64-decoded secret, "id.timestamp.body")).</summary>
    private static string Sign(string secret, string id, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    [Fact]
    public void The_tests_signer_reproduces_the_official_vector()
    {
        Assert.Equal(OfficialSignature, Sign(OfficialSecret, OfficialId, OfficialTimestamp, OfficialBody));
    }

    [Fact]
    public void Verify_accepts_the_official_example_delivery()
    {
        var result = Verifier(OfficialSecret).Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body());

        Assert.Equal(KlingCallbackVerification.Valid, result);
    }

    [Fact]
    public void Verify_accepts_a_rotated_delivery_with_either_secret_alone()
    {
        var both = Sign(OtherSecret, OfficialId, OfficialTimestamp, OfficialBody) + " " + OfficialSignature;

        Assert.Equal(KlingCallbackVerification.Valid, Verifier(OfficialSecret).Verify(OfficialId, OfficialTimestamp, both, Body()));
        Assert.Equal(KlingCallbackVerification.Valid, Verifier(OtherSecret).Verify(OfficialId, OfficialTimestamp, both, Body()));
    }

    [Fact]
    public void Verify_accepts_a_delivery_signed_with_any_configured_secret()
    {
        var verifier = Verifier(OtherSecret, OfficialSecret);

        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void Verify_ignores_signature_versions_other_than_v1()
    {
        var verifier = Verifier(OfficialSecret);
        var onlyV2 = "v2," + OfficialSignature["v1,".Length..];

        Assert.Equal(KlingCallbackVerification.InvalidSignature, verifier.Verify(OfficialId, OfficialTimestamp, onlyV2, Body()));
        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, onlyV2 + " " + OfficialSignature, Body()));
    }

    [Fact]
    public void Verify_rejects_a_delivery_signed_with_another_secret()
    {
        var result = Verifier(OtherSecret).Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body());

        Assert.Equal(KlingCallbackVerification.InvalidSignature, result);
    }

    [Fact]
    public void Verify_rejects_a_body_changed_by_one_byte()
    {
        var body = Body();
        body[^2] ^= 0x01;

        Assert.Equal(KlingCallbackVerification.InvalidSignature, Verifier(OfficialSecret).Verify(OfficialId, OfficialTimestamp, OfficialSignature, body));
    }

    [Fact]
    public void Verify_rejects_a_changed_id_or_timestamp_as_a_bad_signature()
    {
        var verifier = Verifier(OfficialSecret);

        Assert.Equal(KlingCallbackVerification.InvalidSignature, verifier.Verify("9876543211", OfficialTimestamp, OfficialSignature, Body()));
        Assert.Equal(KlingCallbackVerification.InvalidSignature, verifier.Verify(OfficialId, "1781080795", OfficialSignature, Body()));
    }

    [Theory]
    [InlineData("v1,")]
    [InlineData("v1,not base64!")]
    [InlineData("v1,AAAA")]
    [InlineData("UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=")]
    [InlineData(",UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=")]
    [InlineData("V1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=")]
    public void Verify_treats_a_malformed_signature_header_as_a_bad_signature(string header)
    {
        Assert.Equal(KlingCallbackVerification.InvalidSignature, Verifier(OfficialSecret).Verify(OfficialId, OfficialTimestamp, header, Body()));
    }

    [Theory]
    [InlineData(null, OfficialTimestamp, OfficialSignature)]
    [InlineData(OfficialId, null, OfficialSignature)]
    [InlineData(OfficialId, OfficialTimestamp, null)]
    [InlineData("", OfficialTimestamp, OfficialSignature)]
    [InlineData(OfficialId, " ", OfficialSignature)]
    public void Verify_reports_a_missing_header_as_a_missing_signature(string? id, string? timestamp, string? signature)
    {
        Assert.Equal(KlingCallbackVerification.MissingSignature, Verifier(OfficialSecret).Verify(id, timestamp, signature, Body()));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_rejects_a_stale_timestamp(int secondsLater)
    {
        _time.Advance(TimeSpan.FromSeconds(Math.Max(secondsLater, 0)));
        if (secondsLater < 0)
        {
            // The clock cannot go back: sign a delivery stamped in the future instead.
            var future = (long.Parse(OfficialTimestamp, System.Globalization.CultureInfo.InvariantCulture) - secondsLater).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(KlingCallbackVerification.Stale, Verifier(OfficialSecret).Verify(OfficialId, future, Sign(OfficialSecret, OfficialId, future, OfficialBody), Body()));
            return;
        }

        Assert.Equal(KlingCallbackVerification.Stale, Verifier(OfficialSecret).Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Theory]
    [InlineData(299)]
    [InlineData(300)]
    [InlineData(-299)]
    [InlineData(-300)]
    public void Verify_accepts_a_timestamp_within_the_tolerance_either_way(int secondsLater)
    {
        var stamp = long.Parse(OfficialTimestamp, System.Globalization.CultureInfo.InvariantCulture);
        var timestamp = (stamp - secondsLater).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = Verifier(OfficialSecret).Verify(OfficialId, timestamp, Sign(OfficialSecret, OfficialId, timestamp, OfficialBody), Body());

        Assert.Equal(KlingCallbackVerification.Valid, result);
    }

    [Fact]
    public void Verify_honours_a_custom_tolerance()
    {
        var verifier = new KlingCallbackVerifier(new KlingCallbackVerifierOptions { Secrets = [OfficialSecret], TimeProvider = _time, Tolerance = TimeSpan.FromSeconds(30) });
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(KlingCallbackVerification.Stale, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1781080794")]
    [InlineData("1781080794.5")]
    [InlineData("99999999999999999999999")]
    public void Verify_treats_a_correctly_signed_unreadable_timestamp_as_stale(string timestamp)
    {
        var result = Verifier(OfficialSecret).Verify(OfficialId, timestamp, Sign(OfficialSecret, OfficialId, timestamp, OfficialBody), Body());

        Assert.Equal(KlingCallbackVerification.Stale, result);
    }

    [Fact]
    public void Verify_checks_the_signature_before_the_timestamp_so_a_forged_stale_delivery_is_a_bad_signature()
    {
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(KlingCallbackVerification.InvalidSignature, Verifier(OtherSecret).Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void Verify_rejects_a_replayed_id()
    {
        var verifier = Verifier(OfficialSecret);

        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
        Assert.Equal(KlingCallbackVerification.Replayed, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
        _time.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(KlingCallbackVerification.Replayed, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void Verify_rejects_a_replayed_id_even_with_a_new_timestamp_and_signature()
    {
        var verifier = Verifier(OfficialSecret);
        verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body());
        _time.Advance(TimeSpan.FromSeconds(10));
        var later = "1781080804";

        var result = verifier.Verify(OfficialId, later, Sign(OfficialSecret, OfficialId, later, OfficialBody), Body());

        Assert.Equal(KlingCallbackVerification.Replayed, result);
    }

    [Fact]
    public void Verify_does_not_record_an_id_seen_with_a_bad_signature()
    {
        var verifier = Verifier(OfficialSecret);

        Assert.Equal(KlingCallbackVerification.InvalidSignature, verifier.Verify(OfficialId, OfficialTimestamp, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", Body()));
        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void Verify_does_not_record_an_id_of_a_stale_delivery()
    {
        var verifier = Verifier(OfficialSecret);
        var old = "1781080000";

        Assert.Equal(KlingCallbackVerification.Stale, verifier.Verify(OfficialId, old, Sign(OfficialSecret, OfficialId, old, OfficialBody), Body()));
        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void A_forgotten_id_is_accepted_again()
    {
        var verifier = Verifier(OfficialSecret);
        verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body());

        Assert.True(verifier.Forget(OfficialId));
        Assert.False(verifier.Forget(OfficialId));
        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
        Assert.Equal(KlingCallbackVerification.Replayed, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void An_accepted_id_is_forgotten_after_twice_the_tolerance_when_its_timestamp_no_longer_passes_anyway()
    {
        var verifier = Verifier(OfficialSecret);
        verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body());

        _time.Advance(TimeSpan.FromMinutes(10));
        var now = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(KlingCallbackVerification.Stale, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, now, Sign(OfficialSecret, OfficialId, now, OfficialBody), Body()));
    }

    [Fact]
    public void The_replay_memory_is_bounded_and_forgets_the_oldest_ids_first()
    {
        var verifier = new KlingCallbackVerifier(new KlingCallbackVerifierOptions { Secrets = [OfficialSecret], TimeProvider = _time, ReplayCacheCapacity = 2 });
        string Deliver(string id) => verifier.Verify(id, OfficialTimestamp, Sign(OfficialSecret, id, OfficialTimestamp, OfficialBody), Body()).ToString();

        Assert.Equal("Valid", Deliver("a"));
        Assert.Equal("Valid", Deliver("b"));
        Assert.Equal("Valid", Deliver("c")); // "a" is forgotten now; its timestamp alone still bounds a replay.
        Assert.Equal("Replayed", Deliver("c"));
        Assert.Equal("Replayed", Deliver("b"));
        Assert.Equal("Valid", Deliver("a"));
        Assert.Contains("RememberedIds = 2", verifier.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_deliveries_of_one_id_are_accepted_exactly_once()
    {
        var verifier = Verifier(OfficialSecret);
        var body = Body();

        var results = new KlingCallbackVerification[64];
        Parallel.For(0, results.Length, i => results[i] = verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, body));

        Assert.Equal(1, results.Count(result => result == KlingCallbackVerification.Valid));
        Assert.Equal(63, results.Count(result => result == KlingCallbackVerification.Replayed));
    }

    [Fact]
    public void ToString_shows_the_number_of_secrets_never_a_secret()
    {
        var options = new KlingCallbackVerifierOptions { Secrets = [OfficialSecret, OtherSecret], TimeProvider = _time };
        var verifier = new KlingCallbackVerifier(options);

        foreach (var text in new[] { options.ToString(), verifier.ToString() })
        {
            Assert.Contains("Secrets = 2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
            Assert.DoesNotContain("dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_defaults_are_Klings_five_minutes_and_ten_thousand_ids()
    {
        var options = new KlingCallbackVerifierOptions();

        Assert.Equal(TimeSpan.FromMinutes(5), options.Tolerance);
        Assert.Equal(10_000, options.ReplayCacheCapacity);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Empty(options.Secrets);
    }

    [Theory]
    [InlineData("dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=", "does not start with 'whsec_'")]
    [InlineData("whsec_not*base64*at*all", "is not base64")]
    [InlineData("whsec_", "has no key")]
    [InlineData("   ", "is empty")]
    public void A_malformed_secret_is_refused_with_a_message_that_names_the_setting_but_never_quotes_it(string secret, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Verifier(OfficialSecret, secret));

        Assert.Contains("Secrets[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (secret.Trim().Length > "whsec_".Length)
        {
            Assert.DoesNotContain(secret.Replace("whsec_", string.Empty, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_options_are_refused_naming_every_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingCallbackVerifier(new KlingCallbackVerifierOptions
        {
            Secrets = [],
            Tolerance = TimeSpan.Zero,
            TimeProvider = null!,
            ReplayCacheCapacity = 0,
        }));

        foreach (var name in new[] { "Secrets", "Tolerance", "TimeProvider", "ReplayCacheCapacity" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_secrets_are_copied_when_the_verifier_is_created()
    {
        var secrets = new List<string> { OfficialSecret };
        var verifier = new KlingCallbackVerifier(new KlingCallbackVerifierOptions { Secrets = secrets, TimeProvider = _time });
        secrets[0] = OtherSecret;

        Assert.Equal(KlingCallbackVerification.Valid, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }

    [Fact]
    public void The_default_verification_outcome_is_None_and_never_Valid()
    {
        KlingCallbackVerification forgotten = default;

        Assert.Equal(KlingCallbackVerification.None, forgotten);
        Assert.NotEqual(KlingCallbackVerification.Valid, forgotten);
        Assert.Equal(0, (int)KlingCallbackVerification.None);
        Assert.NotEqual(0, (int)KlingCallbackVerification.Valid);
    }

    [Fact]
    public void Verify_never_returns_None()
    {
        var verifier = Verifier(OfficialSecret);

        Assert.NotEqual(KlingCallbackVerification.None, verifier.Verify(null, null, null, Body()));
        Assert.NotEqual(KlingCallbackVerification.None, verifier.Verify(OfficialId, OfficialTimestamp, "v1,AAAA", Body()));
        Assert.NotEqual(KlingCallbackVerification.None, verifier.Verify(OfficialId, OfficialTimestamp, OfficialSignature, Body()));
    }
}
