using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.AspNetCore.Tests;

public sealed class SignedCallbackTests : IAsyncDisposable
{
    // Kling's published example: secret, delivery id, timestamp, body and signature (Get Started → Callbacks).
    private const string Secret = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=";
    private const string SecretKeyText = "dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI";
    private const string OfficialId = "9876543210";
    private const long OfficialTimestamp = 1781080794;
    private const string OfficialBody = """{"id":"1234567890","status":"succeeded","message":"","create_time":1781080778802,"update_time":1781080794151}""";
    private const string OfficialSignature = "v1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=";

    private const string OldSecret = "whsec_b2xkc2VjcmV0b2xkc2VjcmV0b2xkc2VjcmV0b2xk";

    private readonly FakeKlingApi _api = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(OfficialTimestamp));
    private readonly FakeLogCollector _logs = new();
    private readonly ConcurrentQueue<TaskResponse> _delivered = new();
    private readonly List<string> _responseTexts = [];
    private WebApplication? _app;
    private HttpClient _client = null!;
    private KlingCallbackEndpointOptions _options = null!;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync(
        KlingCallbackEndpointOptions? options = null,
        Func<TaskResponse, IServiceProvider, CancellationToken, Task>? handler = null,
        TimeProvider? clientClock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(_logs));
        builder.Services.AddKlingClient(o =>
        {
            o.ApiKey = "sk-callback";
            o.Resilience.MaxRetryAttempts = 0;
            if (clientClock is not null)
            {
                o.TimeProvider = clientClock;
            }
        }).ConfigurePrimaryHttpMessageHandler(() => _api);
        _app = builder.Build();
        _options = options ?? new KlingCallbackEndpointOptions { MaxConcurrency = 1, WebhookSecrets = [Secret], TimeProvider = _time };
        _app.MapKlingCallback("/kling/callback", handler ?? ((task, _, _) =>
        {
            _delivered.Enqueue(task);
            return Task.CompletedTask;
        }), _options);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client = _app.GetTestClient();
    }

    private async Task<HttpStatusCode> PostAsync(string body, string? id, string? timestamp, string? signature, string idHeader = "webhook-id")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/kling/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        AddHeader(request, idHeader, id);
        AddHeader(request, "webhook-timestamp", timestamp);
        AddHeader(request, "webhook-signature", signature);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        _responseTexts.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.StatusCode;
    }

    private static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private string Now => _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The tests' own signer (the SDK has no public one): base64(HMAC-SHA256(key, "id.timestamp.body")).</summary>
    private static string Sign(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    private Task<HttpStatusCode> PostSignedAsync(string body, string id, string secret = Secret, string? timestamp = null)
    {
        timestamp ??= Now;
        return PostAsync(body, id, timestamp, Sign(secret, id, timestamp, body));
    }

    private static string Legacy(string taskId, string status = "succeed") => $$"""{"task_id":"{{taskId}}","task_status":"{{status}}"}""";

    private Task Idle() => _options.Processor!.WhenIdle.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private string[] Deliveries() => _delivered.Select(task => $"{task.Data.TaskId}:{task.Data.TaskStatus}").ToArray();

    [Fact]
    public async Task The_official_signed_delivery_is_accepted_and_the_handler_gets_the_refetched_task()
    {
        _api.Statuses["1234567890"] = "processing"; // The API, not the body's "succeeded", is the task's state.
        await StartAsync();

        var status = await PostAsync(OfficialBody, OfficialId, OfficialTimestamp.ToString(CultureInfo.InvariantCulture), OfficialSignature);
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["1234567890:processing"], Deliveries());
        Assert.Single(_api.Queries);
    }

    [Fact]
    public async Task A_signed_legacy_body_is_accepted_too()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();

        var status = await PostSignedAsync(Legacy("t-1"), "d-1");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["t-1:succeed"], Deliveries());
    }

    [Theory]
    [InlineData("no headers")]
    [InlineData("no signature header")]
    [InlineData("no id header")]
    [InlineData("signed with another secret")]
    [InlineData("body changed after signing")]
    [InlineData("only a v2 signature")]
    [InlineData("stamped 301 s ago")]
    [InlineData("stamped 301 s ahead")]
    public async Task A_delivery_that_is_not_validly_signed_and_fresh_is_refused_401_without_any_work(string delivery)
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();
        var body = Legacy("t-1");
        var now = Now;
        var signature = Sign(Secret, "d-1", now, body);
        var old = (OfficialTimestamp - 301).ToString(CultureInfo.InvariantCulture);
        var ahead = (OfficialTimestamp + 301).ToString(CultureInfo.InvariantCulture);

        var status = delivery switch
        {
            "no headers" => await PostAsync(body, null, null, null),
            "no signature header" => await PostAsync(body, "d-1", now, null),
            "no id header" => await PostAsync(body, null, now, signature),
            "signed with another secret" => await PostSignedAsync(body, "d-1", OldSecret),
            "body changed after signing" => await PostAsync(body.Replace("succeed", "succeee", StringComparison.Ordinal), "d-1", now, signature),
            "only a v2 signature" => await PostAsync(body, "d-1", now, "v2," + signature["v1,".Length..]),
            "stamped 301 s ago" => await PostSignedAsync(body, "d-1", timestamp: old),
            "stamped 301 s ahead" => await PostSignedAsync(body, "d-1", timestamp: ahead),
            _ => throw new ArgumentOutOfRangeException(nameof(delivery)),
        };
        await Idle();

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Kling callback refused", Assert.Single(_responseTexts), StringComparison.Ordinal);
        Assert.Empty(_delivered);
        Assert.Empty(_api.Queries);
    }

    [Fact]
    public async Task A_delivery_stamped_299_s_ago_is_accepted()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();

        var status = await PostSignedAsync(Legacy("t-1"), "d-1", timestamp: (OfficialTimestamp - 299).ToString(CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_replayed_delivery_is_refused_401_and_costs_no_query()
    {
        _api.Statuses["t-1"] = "processing";
        await StartAsync();
        var body = Legacy("t-1", "processing");
        var timestamp = Now;
        var signature = Sign(Secret, "d-1", timestamp, body);

        var first = await PostAsync(body, "d-1", timestamp, signature);
        await Idle();
        _time.Advance(TimeSpan.FromSeconds(30));
        var replay = await PostAsync(body, "d-1", timestamp, signature);
        await Idle();

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Unauthorized, replay);
        Assert.Contains("already accepted", _responseTexts[1], StringComparison.Ordinal);
        Assert.Equal(1, _api.QueriesFor("t-1"));
    }

    [Fact]
    public async Task A_forged_delivery_does_not_make_the_genuine_one_with_its_id_look_replayed()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();

        var forged = await PostSignedAsync(Legacy("t-1"), "d-1", OldSecret);
        var genuine = await PostSignedAsync(Legacy("t-1"), "d-1");
        await Idle();

        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.OK, genuine);
        Assert.Equal(["t-1:succeed"], Deliveries());
    }

    [Fact]
    public async Task The_signature_headers_match_whatever_their_case()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();
        var body = Legacy("t-1");
        var timestamp = Now;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/kling/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Webhook-Id", "d-1");
        request.Headers.TryAddWithoutValidation("WEBHOOK-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("Webhook-Signature", Sign(Secret, "d-1", timestamp, body));
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        await Idle();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["t-1:succeed"], Deliveries());
    }

    [Fact]
    public async Task During_a_rotation_a_delivery_signed_with_the_old_or_the_new_secret_is_accepted()
    {
        _api.Statuses["a"] = "succeed";
        _api.Statuses["b"] = "succeed";
        _api.Statuses["c"] = "succeed";
        await StartAsync(new KlingCallbackEndpointOptions { MaxConcurrency = 1, WebhookSecrets = [OldSecret, Secret], TimeProvider = _time });
        var both = Legacy("c");
        var timestamp = Now;

        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(Legacy("a"), "d-a", OldSecret));
        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(Legacy("b"), "d-b", Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(both, "d-c", timestamp, Sign(OldSecret, "d-c", timestamp, both) + " " + Sign(Secret, "d-c", timestamp, both)));
        await Idle();

        Assert.Equal(["a:succeed", "b:succeed", "c:succeed"], Deliveries().Order());
    }

    [Fact]
    public async Task A_delivery_answered_503_because_the_queue_is_full_is_accepted_when_Kling_retries_it()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            _api.Statuses[id] = "processing";
        }

        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        await StartAsync(
            new KlingCallbackEndpointOptions { MaxConcurrency = 1, QueueCapacity = 1, WebhookSecrets = [Secret], TimeProvider = _time },
            async (task, _, cancellationToken) =>
            {
                _delivered.Enqueue(task);
                entered.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            });
        var body = Legacy("c", "processing");
        var timestamp = Now;
        var signature = Sign(Secret, "d-c", timestamp, body);

        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(Legacy("a", "processing"), "d-a"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(Legacy("b", "processing"), "d-b"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(body, "d-c", timestamp, signature));
        release.SetResult();
        await Idle();
        _time.Advance(TimeSpan.FromSeconds(20)); // Kling retries the same delivery (same id, timestamp and signature) a little later.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(body, "d-c", timestamp, signature));
        await Idle();

        Assert.Equal(["a:processing", "b:processing", "c:processing"], Deliveries());
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(body, "d-c", timestamp, signature)); // Consumed now.
    }

    [Fact]
    public async Task A_validly_signed_body_that_is_not_a_task_is_refused_400()
    {
        await StartAsync();

        var status = await PostSignedAsync("""{"hello":"world"}""", "d-1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_api.Queries);
    }

    [Fact]
    public async Task Without_a_secret_an_unsigned_delivery_is_handled_as_before_and_signature_headers_are_ignored()
    {
        _api.Statuses["t-1"] = "processing";
        _api.Statuses["t-2"] = "succeed";
        await StartAsync(new KlingCallbackEndpointOptions { MaxConcurrency = 1 });

        var unsigned = await PostAsync(Legacy("t-1", "processing"), null, null, null);
        var wronglySigned = await PostAsync(Legacy("t-2"), "d-1", "1", "v1,AAAA");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, unsigned);
        Assert.Equal(HttpStatusCode.OK, wronglySigned);
        Assert.Equal(["t-1:processing", "t-2:succeed"], Deliveries().Order());
    }

    [Fact]
    public async Task Without_an_endpoint_clock_the_registered_clients_clock_checks_the_timestamp()
    {
        _api.Statuses["1234567890"] = "succeed";
        await StartAsync(new KlingCallbackEndpointOptions { MaxConcurrency = 1, WebhookSecrets = [Secret] }, clientClock: _time);

        var status = await PostAsync(OfficialBody, OfficialId, OfficialTimestamp.ToString(CultureInfo.InvariantCulture), OfficialSignature);
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(KlingTaskStatus.Succeeded, Assert.Single(_delivered).Data.TaskStatus);
    }

    [Fact]
    public async Task The_secret_appears_in_no_response_and_no_log()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync(new KlingCallbackEndpointOptions { MaxConcurrency = 1, WebhookSecrets = [OldSecret, Secret], TimeProvider = _time });

        await PostAsync(Legacy("t-1"), null, null, null);
        await PostSignedAsync(Legacy("t-1"), "d-1", "whsec_d3JvbmdzZWNyZXR3cm9uZ3NlY3JldA==");
        await PostSignedAsync(Legacy("t-1"), "d-2", timestamp: "1");
        await PostSignedAsync(Legacy("t-1"), "d-3");
        await PostSignedAsync(Legacy("t-1"), "d-3");
        await Idle();

        var everything = string.Join("\n", _responseTexts.Concat(_logs.GetSnapshot().Select(record => record.Message + " " + record.Exception)))
            + _options + _options.Processor;
        Assert.Contains("InvalidSignature", everything, StringComparison.Ordinal); // The refusals were logged...
        Assert.Contains("Stale", everything, StringComparison.Ordinal);
        Assert.Contains("Replayed", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", everything, StringComparison.Ordinal); // ...and no secret with them.
        Assert.DoesNotContain(SecretKeyText, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(OldSecret["whsec_".Length..].TrimEnd('='), everything, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_secret_is_refused_when_mapping_naming_the_setting_without_quoting_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddKlingClient(o => o.ApiKey = "sk");
        using var app = builder.Build();

        var notBase64 = Assert.Throws<ArgumentException>(() => app.MapKlingCallback(
            "/cb", (_, _) => Task.CompletedTask, new KlingCallbackEndpointOptions { WebhookSecrets = [Secret, "whsec_s3cr3t*value"] }));
        var noPrefix = Assert.Throws<ArgumentException>(() => app.MapKlingCallback(
            "/cb2", (_, _) => Task.CompletedTask, new KlingCallbackEndpointOptions { WebhookSecrets = [SecretKeyText + "="] }));
        var tolerance = Assert.Throws<ArgumentException>(() => app.MapKlingCallback(
            "/cb3", (_, _) => Task.CompletedTask, new KlingCallbackEndpointOptions { WebhookSecrets = [Secret], SignatureTolerance = TimeSpan.Zero }));

        Assert.Contains("WebhookSecrets", notBase64.Message, StringComparison.Ordinal);
        Assert.Contains("not base64", notBase64.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", notBase64.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKeyText, notBase64.Message, StringComparison.Ordinal);
        Assert.Contains("WebhookSecrets", noPrefix.Message, StringComparison.Ordinal);
        Assert.Contains("whsec_", noPrefix.Message, StringComparison.Ordinal); // Names the expected prefix...
        Assert.DoesNotContain(SecretKeyText, noPrefix.Message, StringComparison.Ordinal); // ...never the value.
        Assert.Contains("SignatureTolerance", tolerance.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_accepts_only_Valid_and_refuses_the_default_outcome()
    {
        Assert.False(KlingCallbackEndpointRouteBuilderExtensions.Accepts(default));
        Assert.False(KlingCallbackEndpointRouteBuilderExtensions.Accepts(KlingCallbackVerification.None));
        Assert.True(KlingCallbackEndpointRouteBuilderExtensions.Accepts(KlingCallbackVerification.Valid));
        Assert.All(
            Enum.GetValues<KlingCallbackVerification>().Where(outcome => outcome != KlingCallbackVerification.Valid).Append((KlingCallbackVerification)99),
            outcome => Assert.False(KlingCallbackEndpointRouteBuilderExtensions.Accepts(outcome), outcome.ToString()));
        Assert.Equal("Kling callback refused: the signature was not verified.", KlingCallbackEndpointRouteBuilderExtensions.RefusalText(default));
    }
}
