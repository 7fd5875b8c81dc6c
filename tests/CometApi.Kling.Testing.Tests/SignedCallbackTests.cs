using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CometApi.Kling.Testing.Internal;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class SignedCallbackTests
{
    private const string Hook = "https://receiver.example/kling";

    // Kling's published test vector (docs/kling-catalogue.md §8).
    private const string VectorSecret = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=";
    private const string VectorId = "9876543210";
    private const long VectorTimestamp = 1781080794;
    private const string VectorBody = "{\"id\":\"1234567890\",\"status\":\"succeeded\",\"message\":\"\",\"create_time\":1781080778802,\"update_time\":1781080794151}";
    private const string VectorSignature = "v1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=";

    private const string OtherSecret = "whsec_b3RoZXJzZWNyZXRvdGhlcnNlY3JldG90aGVyc2VjcmV0";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));

    /// <summary>The test's own Standard Webhooks computation, written from the catalogue, independent of the emulator.</summary>
    private static string Expected(string secret, string id, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    [Fact]
    public void The_tests_own_verifier_reproduces_the_official_vector()
    {
        Assert.Equal(VectorSignature, Expected(VectorSecret, VectorId, VectorTimestamp.ToString(CultureInfo.InvariantCulture), VectorBody));
    }

    [Fact]
    public void The_emulators_signer_reproduces_the_official_vector()
    {
        var key = Convert.FromBase64String(VectorSecret["whsec_".Length..]);

        var signature = CallbackDispatcher.Sign([key], VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody));

        Assert.Equal(VectorSignature, signature);
    }

    [Fact]
    public async Task Every_callback_carries_a_unique_id_the_clocks_timestamp_and_a_signature_that_verifies()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            Host = KlingHost.Official, TimeProvider = _clock, CallbackHandler = receiver, WebhookSecrets = [VectorSecret],
        });
        using var api = new RawApi(emulator) { RoutePath = "v1/videos/image2video" };
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));
        var ct = TestContext.Current.CancellationToken;
        await emulator.WaitForCallbacksAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await emulator.WaitForCallbacksAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(4));
        await emulator.WaitForCallbacksAsync(ct);

        var received = receiver.Received.ToArray();
        Assert.Equal(3, received.Length);
        Assert.Equal(
            [VectorTimestamp, VectorTimestamp + 1, VectorTimestamp + 5],
            received.Select(r => long.Parse(r.Headers["webhook-timestamp"], CultureInfo.InvariantCulture)));
        Assert.Equal(3, received.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        Assert.All(received, r => Assert.Equal(
            Expected(VectorSecret, r.Headers["webhook-id"], r.Headers["webhook-timestamp"], r.Body),
            r.Headers["webhook-signature"]));
        Assert.All(emulator.CallbackDeliveries, d => Assert.Equal(
            Expected(VectorSecret, d.Headers["webhook-id"], d.Headers["webhook-timestamp"], d.Body),
            d.Headers["webhook-signature"]));
        Assert.All(received, r => Assert.DoesNotContain(VectorSecret["whsec_".Length..], string.Join(" ", r.Headers.Values), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_secrets_give_two_signature_entries_in_order_as_a_standard_rotation()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            TimeProvider = _clock, CallbackHandler = receiver, WebhookSecrets = [OtherSecret, VectorSecret],
        });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var (_, _, body, headers) = Assert.Single(receiver.Received);
        var entries = headers["webhook-signature"].Split(' ');
        Assert.Equal(
            [Expected(OtherSecret, headers["webhook-id"], headers["webhook-timestamp"], body), Expected(VectorSecret, headers["webhook-id"], headers["webhook-timestamp"], body)],
            entries);
    }

    [Fact]
    public async Task Without_secrets_callbacks_carry_no_webhook_headers()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var headers = Assert.Single(receiver.Received).Headers;
        Assert.DoesNotContain(headers.Keys, name => name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Assert.Single(emulator.CallbackDeliveries).Headers.Keys, name => name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("dGVzdA==")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    public void A_malformed_webhook_secret_is_refused_without_being_echoed(string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { WebhookSecrets = ["whsec_dGVzdA==", secret] }));

        Assert.Contains("WebhookSecrets[1]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Replace("whsec_", string.Empty, StringComparison.Ordinal) is { Length: > 0 } key ? key : "\0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_succeeded_spelling_reaches_legacy_callbacks()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            Host = KlingHost.Official, TimeProvider = _clock, CallbackHandler = receiver, SucceededSpelling = true,
        });
        using var api = new RawApi(emulator) { RoutePath = "v1/videos/image2video" };
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["submitted", "processing", "succeeded"],
            receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("task_status").GetString()));
        Assert.Equal(KlingTaskStatus.Succeeded, emulator.CallbackDeliveries[^1].Status);
    }

    [Fact]
    public async Task New_standard_callbacks_carry_id_status_times_external_id_and_outputs()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            Host = KlingHost.Official, TimeProvider = _clock, CallbackHandler = receiver, NewStandardCallbacks = true,
        });
        using var api = new RawApi(emulator) { RoutePath = "v1/videos/image2video" };
        var id = (await api.CreateAsync(RawApi.MinimalBody("order-9", callbackUrl: Hook))).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(["submitted", "processing", "succeeded"], bodies.Select(b => b.GetProperty("status").GetString()));
        Assert.All(bodies, b => Assert.Equal(id, b.GetProperty("id").GetString()));
        Assert.All(bodies, b => Assert.Equal("order-9", b.GetProperty("external_id").GetString()));
        Assert.All(bodies, b => Assert.Equal(string.Empty, b.GetProperty("message").GetString()));
        Assert.All(bodies, b => Assert.False(b.TryGetProperty("task_status", out _)));
        var created = _clock.GetUtcNow().AddSeconds(-5).ToUnixTimeMilliseconds();
        Assert.All(bodies, b => Assert.Equal(created, b.GetProperty("create_time").GetInt64()));
        Assert.Equal([created, created + 1000, created + 5000], bodies.Select(b => b.GetProperty("update_time").GetInt64()));
        Assert.Equal(0, bodies[1].GetProperty("outputs").GetArrayLength());
        var output = Assert.Single(bodies[2].GetProperty("outputs").EnumerateArray());
        Assert.Equal("video", output.GetProperty("type").GetString());
        Assert.EndsWith($"/emulator/videos/{id}.mp4", output.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_task_says_why_in_the_new_standard_message()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver, NewStandardCallbacks = true });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(prompt: "risky", callbackUrl: Hook));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var last = JsonDocument.Parse(receiver.Received.Last().Body).RootElement;
        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.Equal("Failure to pass the risk control system", last.GetProperty("message").GetString());
        Assert.False(last.TryGetProperty("external_id", out _));
    }
}
