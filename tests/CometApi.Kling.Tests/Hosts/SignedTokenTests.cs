using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>
/// An access key + secret key become HS256 tokens with Kling's claims, on the client's clock: reused until shortly
/// before they expire, replaced once when the service calls one expired or not yet valid, and never shown anywhere.
/// </summary>
public class SignedTokenTests
{
    private const string AccessKey = "ak-canary-0c1d2e3f";
    private const string SecretKey = "sk-secret-canary-9a8b7c6d5e4f";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (KlingClient Client, RecordingApi Api, FakeTimeProvider Clock) Create(ILoggerFactory? loggerFactory = null)
    {
        var api = new RecordingApi();
        var clock = new FakeTimeProvider(Start);
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions
        {
            Host = KlingHost.Official,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            TimeProvider = clock,
            LoggerFactory = loggerFactory,
        });
        return (client, api, clock);
    }

    private static ImageToVideoRequest Request() => new() { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = "a cat" };

    [Fact]
    public async Task The_token_is_an_HS256_JWT_with_iss_exp_now_plus_30_minutes_and_nbf_now_minus_5_seconds()
    {
        var (client, api, _) = Create();

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        var (header, claims, signatureValid) = Jwt.Read(Assert.Single(api.Requests).Authorization!, SecretKey);
        Assert.True(signatureValid);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(AccessKey, claims.GetProperty("iss").GetString());
        Assert.Equal(Start.AddMinutes(30).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(Start.AddSeconds(-5).ToUnixTimeSeconds(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal(3, claims.EnumerateObject().Count());
    }

    [Fact]
    public async Task One_token_serves_every_request_until_5_minutes_before_it_expires()
    {
        var (client, api, clock) = Create();

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);
        clock.Advance(TimeSpan.FromMinutes(24));
        await client.CreateImageToVideoAsync(Request(), Token);
        clock.Advance(TimeSpan.FromMinutes(1).Add(TimeSpan.FromSeconds(1)));
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        var tokens = api.Authorizations.ToList();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        var renewed = Jwt.Read(tokens[2]!, SecretKey).Claims;
        Assert.Equal(Start.AddMinutes(25).AddSeconds(1).AddMinutes(30).ToUnixTimeSeconds(), renewed.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData(1004)]
    [InlineData(1003)]
    public async Task A_token_refused_as_expired_or_not_yet_valid_is_replaced_once_and_the_same_body_sent_again(int code)
    {
        var (client, api, clock) = Create();
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);
        clock.Advance(TimeSpan.FromMinutes(2));
        api.Answer = (_, count) => count == 2 ? (HttpStatusCode.Unauthorized, RecordingApi.Error(code, "token rejected")) : (HttpStatusCode.OK, RecordingApi.TaskJson("submitted"));

        var task = await client.CreateImageToVideoAsync(Request(), Token);

        Assert.Equal("867283741759111202", task.Data.TaskId);
        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(api.Requests[0].Authorization, api.Requests[1].Authorization);
        Assert.NotEqual(api.Requests[1].Authorization, api.Requests[2].Authorization);
        Assert.Equal(api.Requests[1].Body, api.Requests[2].Body);
        Assert.True(Jwt.Read(api.Requests[2].Authorization!, SecretKey).SignatureValid);

        // The replacement is kept for the next requests.
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);
        Assert.Equal(api.Requests[2].Authorization, api.Requests[3].Authorization);
    }

    [Fact]
    public async Task A_second_refusal_after_the_new_token_is_the_answer_not_a_loop()
    {
        var (client, api, _) = Create();
        api.Answer = (_, _) => (HttpStatusCode.Unauthorized, RecordingApi.Error(1004, "token expired"));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Equal(1004, error.Code);
        Assert.Equal(2, api.Requests.Count);
        Assert.Contains("clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_refused_with_1004_is_also_sent_once_more_with_a_new_token()
    {
        var (client, api, _) = Create();
        api.Answer = (_, count) => count == 1 ? (HttpStatusCode.Unauthorized, RecordingApi.Error(1004, "expired")) : (HttpStatusCode.OK, RecordingApi.TaskJson("processing"));

        var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        Assert.Equal(KlingTaskStatus.Processing, task.Data.TaskStatus);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_plain_api_key_refused_with_1004_is_not_sent_again()
    {
        var api = new RecordingApi { Answer = (_, _) => (HttpStatusCode.Unauthorized, RecordingApi.Error(1004, "expired")) };
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "kling-key" });

        await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Access_and_secret_keys_win_over_an_api_key_when_both_are_set()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "kling-key", AccessKey = AccessKey, SecretKey = SecretKey });

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        Assert.True(Jwt.Read(Assert.Single(api.Requests).Authorization!, SecretKey).SignatureValid);
    }

    [Fact]
    public async Task The_secret_key_and_the_tokens_appear_in_no_log_message_or_ToString()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = new LoggerFactory([new FakeLoggerProvider(collector)]);
        var (client, api, _) = Create(loggerFactory);
        var errors = new List<Exception>();

        // The service echoes the Authorization header back in its messages: the worst case for redaction.
        api.Answer = (request, _) => (HttpStatusCode.Unauthorized, RecordingApi.Error(1004, "expired: " + request.Headers.Authorization));
        errors.Add(await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), Token)));
        api.Answer = (request, _) => (HttpStatusCode.BadRequest, RecordingApi.Error(1201, "bad " + request.Headers.Authorization + " " + SecretKey));
        errors.Add(await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token)));
        var options = new KlingClientOptions { Host = KlingHost.Official, AccessKey = AccessKey, SecretKey = SecretKey };

        var tokens = api.Authorizations.Select(authorization => authorization!["Bearer ".Length..]).Distinct().ToList();
        var everything = string.Join(
            "\n",
            collector.GetSnapshot().Select(record => $"{record.Message} {record.Exception} {string.Join(",", record.StructuredState?.Select(pair => pair.Value) ?? [])}")
                .Concat(errors.Select(error => error.ToString()))
                .Append(options.ToString())
                .Append(client.ToString()));
        Assert.NotEmpty(tokens);
        Assert.Contains("TokenRenewed", collector.GetSnapshot().Select(record => record.Id.Name));
        Assert.DoesNotContain(SecretKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-canary", everything, StringComparison.Ordinal);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[2], everything, StringComparison.Ordinal);
        }

        Assert.Contains("SecretKey = (set, redacted)", options.ToString(), StringComparison.Ordinal);
    }
}
