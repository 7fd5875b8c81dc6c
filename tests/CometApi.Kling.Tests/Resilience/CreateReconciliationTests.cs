using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// Each branch of the create-at-most-once logic (KlingCreateExecutor), driven by a fake API that answers creates and
/// lookups by external id separately: how an ambiguous create ends when the retries or the total timeout run out,
/// when the service says the id exists, when the lookup itself fails, and when a Retry-After is over the cap.
/// Every scenario checks what was sent: never a second task's worth of creates beyond the same external id.
/// </summary>
public class CreateReconciliationTests
{
    private const string TaskJson = """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"867","task_status":"submitted","task_info":{},"created_at":1722769557708,"updated_at":1722769557708}}""";
    private const string NotFoundJson = """{"code":1203,"message":"task not found","request_id":"r-404"}""";
    private const string UnavailableJson = """{"code":5001,"message":"service temporarily unavailable","request_id":"r-503"}""";
    private const string DuplicateJson = """{"code":1201,"message":"external_task_id already exists","request_id":"r-dup"}""";

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_that_fails_ambiguously_on_every_attempt_ends_ambiguous_when_the_retries_run_out()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, logs) = Client(api, resilience => resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.StartsWith("kling-", error.Task!.ExternalTaskId!, StringComparison.Ordinal);
        Assert.Contains("the retries ran out", error.Message, StringComparison.Ordinal);
        AssertSaysHowToReconcile(error);
        Assert.IsType<KlingApiException>(error.InnerException);
        Assert.Equal(3, api.Creates.Count);
        Assert.Equal(3, api.Lookups.Count);
        Assert.All(api.Creates, body => Assert.Equal(error.Task!.ExternalTaskId!, ExternalId(body)));
        Assert.Contains(logs.GetSnapshot(), record => record.Id.Name == "CreateAmbiguous" && record.Message.Contains(error.Task!.ExternalTaskId!, StringComparison.Ordinal));

        // Each attempt is logged with its number, and each retry with its own number, counted from 1, and the reason.
        Assert.Equal(["1", "2", "3"], logs.GetSnapshot().Where(record => record.Id.Name == "CreateSending").Select(record => record.GetStructuredStateValue("Attempt")));
        var retries = logs.GetSnapshot().Where(record => record.Id.Name == "Retrying").ToArray();
        Assert.Equal(["1", "2"], retries.Select(record => record.GetStructuredStateValue("Attempt")));
        Assert.All(retries, record => Assert.Equal("HTTP 503 code 5001", record.GetStructuredStateValue("Reason")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60)]
    [InlineData(30)]
    public async Task Create_whose_total_timeout_runs_out_after_the_body_was_sent_is_ambiguous_not_a_timeout(int attemptTimeoutSeconds)
    {
        // The total timeout is not longer than the attempt timeout (none, longer, the same): it ends the first attempt.
        var clock = new FakeTimeProvider();
        var api = new SplitApi(
            create: token => Hang(token),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience =>
        {
            resilience.CreateAttemptTimeout = attemptTimeoutSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(attemptTimeoutSeconds);
            resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForCreatesAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => create);

        Assert.Contains("the total timeout ran out", error.Message, StringComparison.Ordinal);
        AssertSaysHowToReconcile(error);
        var timeout = Assert.IsType<KlingConnectionException>(error.InnerException);
        Assert.Contains("no complete response within 30 s (KlingResilienceOptions.TotalTimeout)", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(error.Task!.ExternalTaskId!, ExternalId(Assert.Single(api.Creates)));
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_answered_5xx_with_a_retry_after_over_the_cap_and_no_task_found_surfaces_the_error_without_sending_again()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson, response => response.Headers.Add("Retry-After", "3600")),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(api.Creates);
        Assert.Single(api.Lookups);
    }

    [Fact]
    public async Task Create_whose_own_external_id_is_already_used_is_refused_without_returning_the_earlier_task()
    {
        // First attempt, so no attempt of this call made that task: it may be another image's. Handing it back as this
        // call's result would give the caller the wrong video.
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.BadRequest, DuplicateJson),
            lookup: _ => Respond(HttpStatusCode.OK, TaskJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Bounded(client.CreateImageToVideoAsync(Request(externalTaskId: "order-42"), _cancellationToken)));

        Assert.Equal(1201, error.Code);
        Assert.Equal("r-dup", error.RequestId);
        Assert.False(error.IsRetryable);
        Assert.Contains("\"order-42\" is already used by an earlier task, and no task was created by this call (HTTP 400, Kling code 1201, request id r-dup).", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, \"order-42\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("new ExternalTaskId", error.Message, StringComparison.Ordinal);
        Assert.Equal(1201, Assert.IsType<KlingApiException>(error.InnerException).Code);
        Assert.Single(api.Creates);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_whose_external_id_is_used_names_no_request_id_when_the_service_gave_none()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.BadRequest, """{"code":1201,"message":"external_task_id already exists"}"""),
            lookup: _ => Respond(HttpStatusCode.OK, TaskJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Bounded(client.CreateImageToVideoAsync(Request(externalTaskId: "order-42"), _cancellationToken)));

        Assert.Contains("no task was created by this call (HTTP 400, Kling code 1201). If that earlier task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_retried_after_a_rate_limit_and_told_the_id_is_used_is_refused_because_the_first_attempt_made_nothing()
    {
        var api = new SplitApi(
            create: FirstThen(
                () => Respond(HttpStatusCode.TooManyRequests, """{"code":1303,"message":"concurrency limit","request_id":"r-429"}"""),
                () => Respond(HttpStatusCode.BadRequest, DuplicateJson)),
            lookup: _ => Respond(HttpStatusCode.OK, TaskJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Bounded(client.CreateImageToVideoAsync(Request(externalTaskId: "order-42"), _cancellationToken)));

        Assert.Contains("already used by an earlier task", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Creates.Count);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_told_the_id_is_used_after_an_ambiguous_attempt_returns_the_task_that_attempt_made()
    {
        // Attempt 1 timed out on the way back; the lookup missed the task (not indexed yet), so the same body went again and
        // the service refused the id: the task attempt 1 made is this call's result.
        var api = new SplitApi(
            create: FirstThen(() => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson), () => Respond(HttpStatusCode.BadRequest, DuplicateJson)),
            lookup: FirstThen(() => Respond(HttpStatusCode.NotFound, NotFoundJson), () => Respond(HttpStatusCode.OK, TaskJson)));
        var (client, _) = Client(api);

        var task = await Bounded(client.CreateImageToVideoAsync(Request(externalTaskId: "order-42"), _cancellationToken));

        Assert.Equal("867", task.Data.TaskId);
        Assert.All(api.Creates, body => Assert.Equal("order-42", ExternalId(body)));
        Assert.Equal(2, api.Creates.Count);
        Assert.All(api.Lookups, query => Assert.Contains("external_task_id=order-42", query, StringComparison.Ordinal));
        Assert.Equal(2, api.Lookups.Count);
    }

    [Fact]
    public async Task Create_told_the_id_is_used_after_an_ambiguous_attempt_but_not_finding_it_is_ambiguous_and_sends_nothing_more()
    {
        var api = new SplitApi(
            create: FirstThen(() => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson), () => Respond(HttpStatusCode.BadRequest, DuplicateJson)),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(client.CreateImageToVideoAsync(Request(externalTaskId: "order-42"), _cancellationToken)));

        Assert.Equal("order-42", error.Task!.ExternalTaskId!);
        Assert.Contains("the service says the id exists but the lookup does not find it", error.Message, StringComparison.Ordinal);
        AssertSaysHowToReconcile(error);
        Assert.Equal(2, api.Creates.Count);
        Assert.Equal(2, api.Lookups.Count);
    }

    [Fact]
    public async Task Create_whose_lookup_fails_as_well_is_ambiguous_and_names_both_failures()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson),
            lookup: _ => Respond(HttpStatusCode.Unauthorized, """{"code":1000,"message":"authentication failed","request_id":"r-401"}"""));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.Contains("looking it up failed too", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
        AssertSaysHowToReconcile(error);
        Assert.Single(api.Creates);
        Assert.Single(api.Lookups);
    }

    [Fact]
    public async Task Create_without_an_external_id_never_resends_after_an_ambiguous_failure()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, logs) = Client(api, resilience => resilience.AutoExternalTaskId = false);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.Contains(logs.GetSnapshot(), record => record.Id.Name == "CreateAmbiguous" && (string?)record.GetStructuredStateValue("ExternalTaskId") == "(none)");

        // Not "retry later": without an id, sending again may make a second, paid task.
        Assert.False(error.IsRetryable);
        Assert.Null(error.Task);
        Assert.Null(error.Task);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<KlingApiException>(error.InnerException).StatusCode);
        AssertSaysItCannotBeLookedUp(error);
        Assert.Null(ExternalId(Assert.Single(api.Creates)));
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_refused_for_sure_is_not_reconciled_or_retried()
    {
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.BadRequest, """{"code":1201,"message":"prompt is invalid","request_id":"r-400"}"""),
            lookup: _ => Respond(HttpStatusCode.OK, TaskJson));
        var (client, _) = Client(api);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.Equal(1201, error.Code);
        Assert.Single(api.Creates);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_refused_on_every_attempt_ends_with_the_connection_error_not_an_ambiguous_one()
    {
        // Connection refused proves nothing was sent: running out of retries is not ambiguous.
        var api = new SplitApi(
            create: _ => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience => resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Bounded(client.CreateImageToVideoAsync(Request(), _cancellationToken)));

        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.Creates.Count);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_without_an_external_id_whose_total_timeout_runs_out_mid_attempt_is_ambiguous_naming_the_setting()
    {
        var clock = new FakeTimeProvider();
        var api = new SplitApi(create: token => Hang(token), lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience =>
        {
            resilience.AutoExternalTaskId = false;
            resilience.CreateAttemptTimeout = Timeout.InfiniteTimeSpan;
            resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForCreatesAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(create));

        AssertSaysItCannotBeLookedUp(error);
        var timeout = Assert.IsType<KlingConnectionException>(error.InnerException);
        Assert.Contains("KlingResilienceOptions.TotalTimeout", timeout.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.Single(api.Creates);
    }

    [Fact]
    public async Task Create_without_an_external_id_whose_attempt_times_out_is_ambiguous_naming_the_create_attempt_setting()
    {
        var clock = new FakeTimeProvider();
        var api = new SplitApi(create: token => Hang(token), lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience =>
        {
            resilience.AutoExternalTaskId = false;
            resilience.CreateAttemptTimeout = TimeSpan.FromSeconds(90);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForCreatesAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(90));
        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(create));

        AssertSaysItCannotBeLookedUp(error);
        Assert.Contains("no complete response within 90 s (KlingResilienceOptions.CreateAttemptTimeout)", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Single(api.Creates);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_whose_total_timeout_runs_out_while_waiting_after_a_refused_connection_is_a_timeout_not_ambiguous()
    {
        // The only attempt provably made nothing (connection refused), and the timeout fired in the wait before the next.
        var clock = new FakeTimeProvider();
        var api = new SplitApi(
            create: _ => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")),
            lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience =>
        {
            resilience.BaseDelay = TimeSpan.FromSeconds(10);
            resilience.MaxDelay = TimeSpan.FromSeconds(10);
            resilience.TotalTimeout = TimeSpan.FromSeconds(2);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForCreatesAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Bounded(create));

        Assert.Contains("KlingResilienceOptions.TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.Single(api.Creates);
        Assert.Empty(api.Lookups);
    }

    [Fact]
    public async Task Create_whose_first_attempt_timed_out_counts_the_total_timeout_from_that_attempt_s_start()
    {
        // The first attempt runs before the create pipeline starts (a create that succeeds at once arms one timer): the
        // total timeout still counts from the first byte, not from the pipeline's start after that attempt failed.
        var clock = new FakeTimeProvider();
        var api = new SplitApi(create: token => Hang(token), lookup: _ => Respond(HttpStatusCode.NotFound, NotFoundJson));
        var (client, _) = Client(api, resilience =>
        {
            resilience.CreateAttemptTimeout = TimeSpan.FromSeconds(20);
            resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForCreatesAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(20));
        await api.WaitForCreatesAsync(2, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(create));

        Assert.Contains("the total timeout ran out", error.Message, StringComparison.Ordinal);
        var timeout = Assert.IsType<KlingConnectionException>(error.InnerException);
        Assert.Contains("no complete response within 30 s (KlingResilienceOptions.TotalTimeout)", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Creates.Count);
        Assert.Single(api.Lookups);
        Assert.All(api.Creates, body => Assert.Equal(error.Task!.ExternalTaskId!, ExternalId(body)));
    }

    [Fact]
    public async Task Create_whose_total_timeout_runs_out_while_the_first_attempt_is_looked_up_is_ambiguous()
    {
        var clock = new FakeTimeProvider();
        var api = new SplitApi(
            create: _ => Respond(HttpStatusCode.ServiceUnavailable, UnavailableJson),
            lookup: token => Hang(token));
        var (client, _) = Client(api, resilience =>
        {
            resilience.QueryAttemptTimeout = TimeSpan.FromSeconds(60);
            resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        }, clock);

        var create = client.CreateImageToVideoAsync(Request(), _cancellationToken);
        await api.WaitForLookupsAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => Bounded(create));

        Assert.Contains("the total timeout ran out", error.Message, StringComparison.Ordinal);
        AssertSaysHowToReconcile(error);
        Assert.Contains("KlingResilienceOptions.TotalTimeout", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Single(api.Creates);
        Assert.Single(api.Lookups);
    }

    [Fact]
    public async Task Query_that_hangs_on_every_attempt_ends_in_a_timeout_naming_the_query_attempt_setting()
    {
        var clock = new FakeTimeProvider();
        var api = new SplitApi(create: _ => Respond(HttpStatusCode.OK, TaskJson), lookup: token => Hang(token));
        var (client, _) = Client(api, resilience =>
        {
            resilience.MaxRetryAttempts = 1;
            resilience.QueryAttemptTimeout = TimeSpan.FromSeconds(20);
        }, clock);

        var query = client.GetTaskAsync(KlingTaskKind.ImageToVideo, "867", _cancellationToken);
        await api.WaitForLookupsAsync(1, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(20));
        await api.WaitForLookupsAsync(2, _cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Bounded(query));

        Assert.Contains("no complete response within 20 s (KlingResilienceOptions.QueryAttemptTimeout)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Lookups.Count);
    }

    /// <summary>A wrong retry (e.g. honouring an hour-long Retry-After) must fail the test, not hang it.</summary>
    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(20));

    private static void AssertSaysHowToReconcile(KlingAmbiguousCreateException error)
    {
        Assert.Contains($"GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, \"{error.Task!.ExternalTaskId!}\")", error.Message, StringComparison.Ordinal);

        // Deliberately changed: an ambiguous create is no longer retryable (creating again could pay twice) and no longer
        // says resending is safe; it says not to create again and carries the handle that finds (or waits for) the task.
        Assert.Contains("Do not create it again", error.Message, StringComparison.Ordinal);
        Assert.Contains("WaitForCompletionAsync(exception.Task)", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Equal(KlingTaskHandle.FromExternalId(KlingTaskKind.ImageToVideo, error.Task!.ExternalTaskId!), error.Task);
        Assert.Contains("may or may not exist", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSaysItCannotBeLookedUp(KlingAmbiguousCreateException error)
    {
        Assert.Contains("may or may not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("without an external_task_id it cannot be looked up", error.Message, StringComparison.Ordinal);
        Assert.Contains("ListTasksAsync(KlingTaskKind.ImageToVideo)", error.Message, StringComparison.Ordinal);
        Assert.Contains("second, paid task", error.Message, StringComparison.Ordinal);
    }

    private static ImageToVideoRequest Request(string? externalTaskId = null) => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/first-frame.png")),
        Prompt = "a cat turns its head",
        ExternalTaskId = externalTaskId,
    };

    private static string? ExternalId(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("external_task_id", out var id) ? id.GetString() : null;

    private static (KlingClient Client, FakeLogCollector Logs) Client(SplitApi api, Action<KlingResilienceOptions>? configure = null, TimeProvider? clock = null)
    {
        var collector = new FakeLogCollector();
        var options = new KlingClientOptions
        {
            ApiKey = "sk-reconcile",
            TimeProvider = clock ?? TimeProvider.System,
            LoggerFactory = new LoggerFactory([new FakeLoggerProvider(collector)]),
        };

        // No waiting between attempts: the branches are under test, not the backoff.
        options.Resilience.BaseDelay = TimeSpan.Zero;
        options.Resilience.MaxDelay = TimeSpan.Zero;
        configure?.Invoke(options.Resilience);
        return (new KlingClient(new HttpClient(api), options), collector);
    }

    /// <summary>Answers the first request with <paramref name="first"/> and every later one with <paramref name="rest"/>.</summary>
    private static Func<CancellationToken, Task<HttpResponseMessage>> FirstThen(Func<Task<HttpResponseMessage>> first, Func<Task<HttpResponseMessage>> rest)
    {
        var calls = 0;
        return _ => Interlocked.Increment(ref calls) == 1 ? first() : rest();
    }

    private static Task<HttpResponseMessage> Respond(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return Task.FromResult(response);
    }

    private static async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Answers creates (POST) and lookups by external id (GET) with separate scripts, recording both.</summary>
    private sealed class SplitApi(
        Func<CancellationToken, Task<HttpResponseMessage>> create,
        Func<CancellationToken, Task<HttpResponseMessage>> lookup) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> _creates = new();
        private readonly ConcurrentQueue<string> _lookups = new();

        public IReadOnlyList<string> Creates => [.. _creates];

        public IReadOnlyList<string> Lookups => [.. _lookups];

        public Task WaitForCreatesAsync(int count, CancellationToken cancellationToken) => WaitForAsync(_creates, count, cancellationToken);

        public Task WaitForLookupsAsync(int count, CancellationToken cancellationToken) => WaitForAsync(_lookups, count, cancellationToken);

        private static async Task WaitForAsync(ConcurrentQueue<string> requests, int count, CancellationToken cancellationToken)
        {
            // Real time, only to let the request arrive before the fake clock moves; bounded so a bug fails the test.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (requests.Count < count)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                _creates.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
                return await create(cancellationToken);
            }

            _lookups.Enqueue(request.RequestUri!.Query);
            return await lookup(cancellationToken);
        }
    }
}
