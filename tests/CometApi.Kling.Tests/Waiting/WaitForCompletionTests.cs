using System.Net;
using System.Net.Http.Headers;
using CometApi.Kling.Tests.Infrastructure;
using CometApi.Kling.Waiting;

namespace CometApi.Kling.Tests.Waiting;

public class WaitForCompletionTests
{
    private const string RateLimited = """{"code":1302,"message":"too many requests","request_id":"r-429"}""";

    private readonly VirtualClock _clock = new();

    private (KlingClient Client, ScriptedApi Api) Create(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        var api = new ScriptedApi(_clock, steps);
        return (new KlingClient(new HttpClient(api), new KlingClientOptions { ApiKey = "sk-wait", TimeProvider = _clock }), api);
    }

    private Task<TaskResponse> Wait(KlingClient client, KlingWaitOptions? options = null, CancellationToken? cancellationToken = null) =>
        _clock.RunAsync(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "t-1"), options, cancellationToken ?? TestContext.Current.CancellationToken));

    [Fact]
    public async Task Wait_returns_the_succeeded_task_after_polling()
    {
        var (client, api) = Create(ScriptedApi.Task("submitted"), ScriptedApi.Task("processing"), ScriptedApi.Task("succeed"));

        var task = await Wait(client);

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal([2, 4, 6], api.RequestTimes);
        Assert.All(api.Requests, request =>
        {
            Assert.Equal(HttpMethod.Get, request.Request.Method);
            Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video/t-1", request.Request.RequestUri!.AbsoluteUri);
        });
    }

    [Fact]
    public async Task Wait_returns_failed_task_as_result()
    {
        var (client, _) = Create(ScriptedApi.Json(HttpStatusCode.OK, """
            {"code":0,"message":"SUCCEED","data":{"task_id":"t-1","task_status":"failed","task_status_msg":"content risk control"}}
            """));

        var task = await Wait(client);

        Assert.Equal(KlingTaskStatus.Failed, task.Data.TaskStatus);
        Assert.Equal("content risk control", task.Data.TaskStatusMessage);
    }

    [Fact]
    public async Task Wait_with_only_a_token_uses_the_default_options()
    {
        var (client, api) = Create(ScriptedApi.Task("succeed"));

        var task = await _clock.RunAsync(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "t-1"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal([2], api.RequestTimes);
    }

    [Fact]
    public async Task Wait_polls_on_the_growing_schedule()
    {
        var steps = Enumerable.Repeat(ScriptedApi.Task("processing"), 30).Append(ScriptedApi.Task("succeed")).ToArray();
        var (client, api) = Create(steps);

        await Wait(client);

        // Every 2 s while 15 % of the elapsed time is below 2 s, then 15 % of elapsed, capped at 15 s.
        var expected = new List<double> { 2 };
        while (expected.Count < 31)
        {
            var last = expected[^1];
            // Timers have millisecond resolution, so each interval is cut to whole milliseconds.
            expected.Add(last + (Math.Floor(Math.Min(15, Math.Max(2, 0.15 * last)) * 1000) / 1000));
        }

        Assert.Equal(expected.Count, api.Requests.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], api.RequestTimes[i], 0.002);
        }

        Assert.Equal(15, api.RequestTimes[^1] - api.RequestTimes[^2], 0.01);
    }

    [Fact]
    public async Task Wait_follows_custom_schedule_settings()
    {
        var (client, api) = Create(ScriptedApi.Task("processing"), ScriptedApi.Task("processing"), ScriptedApi.Task("processing"), ScriptedApi.Task("succeed"));

        await Wait(client, new KlingWaitOptions { FirstPollDelay = TimeSpan.Zero, MinPollInterval = TimeSpan.FromSeconds(5), MaxPollInterval = TimeSpan.FromSeconds(5) });

        Assert.Equal([0, 5, 10, 15], api.RequestTimes);
    }

    [Fact]
    public async Task Wait_reports_progress_once_per_status_change()
    {
        var (client, _) = Create(
            ScriptedApi.Task("submitted"), ScriptedApi.Task("submitted"), ScriptedApi.Task("processing"), ScriptedApi.Task("processing"), ScriptedApi.Task("succeed"));
        var reports = new List<KlingTaskStatus>();

        await Wait(client, new KlingWaitOptions { Progress = new SynchronousProgress<TaskResponse>(task => reports.Add(task.Data.TaskStatus)) });

        Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], reports);
    }

    [Fact]
    public async Task Wait_keeps_polling_through_an_unknown_status()
    {
        var (client, api) = Create(ScriptedApi.Task("queued_for_review"), ScriptedApi.Task("succeed"));

        var task = await Wait(client);

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Wait_honours_Retry_After_in_seconds()
    {
        var (client, api) = Create(
            ScriptedApi.Json(HttpStatusCode.TooManyRequests, RateLimited, response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))),
            ScriptedApi.Task("succeed"));

        await Wait(client);

        Assert.Equal([2, 32], api.RequestTimes);
    }

    [Fact]
    public async Task Wait_honours_Retry_After_as_an_HTTP_date_on_the_options_clock()
    {
        var (client, api) = Create(
            (_, _) =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"code":5001,"message":"maintenance"}""") };
                response.Headers.RetryAfter = new RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(25));
                return Task.FromResult(response);
            },
            ScriptedApi.Task("succeed"));

        await Wait(client);

        Assert.Equal([2, 27], api.RequestTimes);
    }

    [Fact]
    public async Task Wait_caps_a_long_Retry_After()
    {
        var (client, api) = Create(
            ScriptedApi.Json(HttpStatusCode.TooManyRequests, RateLimited, response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1))),
            ScriptedApi.Task("succeed"));

        await Wait(client, new KlingWaitOptions { MaxRetryAfter = TimeSpan.FromSeconds(40) });

        Assert.Equal([2, 42], api.RequestTimes);
    }

    [Fact]
    public async Task Wait_goes_on_through_transient_failures()
    {
        var (client, api) = Create(
            ScriptedApi.Throws(new HttpRequestException("connection reset")),
            ScriptedApi.Json(HttpStatusCode.InternalServerError, """{"code":5000,"message":"internal error"}"""),
            ScriptedApi.Json(HttpStatusCode.BadGateway, "<html><title>502</title></html>"),
            ScriptedApi.Json(HttpStatusCode.TooManyRequests, """{"code":1303,"message":"parallel task over resource pack limit"}"""),
            ScriptedApi.Json(HttpStatusCode.OK, """{"code":0,"data":{"task_id":"t-1","task_status":"""),
            ScriptedApi.Json(HttpStatusCode.GatewayTimeout, """{"error":{"message":"upstream timeout","type":"comet_api_error","code":""}}"""),
            ScriptedApi.Task("succeed"));

        var task = await Wait(client);

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal(7, api.Requests.Count);
    }

    [Fact]
    public async Task Wait_backs_off_on_consecutive_failures_then_returns_to_the_schedule()
    {
        var failure = ScriptedApi.Json(HttpStatusCode.ServiceUnavailable, """{"code":5001,"message":"maintenance"}""");
        var (client, api) = Create(failure, failure, failure, failure, failure, ScriptedApi.Task("processing"), ScriptedApi.Task("succeed"));

        await Wait(client);

        // Failures at 2, 4, 8, 16, 31 wait 2, 4, 8, 15 (cap), 15; the success at 46 waits 15 % of 46 s = 6.9 s.
        Assert.Equal([2, 4, 8, 16, 31, 46, 52.9], api.RequestTimes);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"code":1000,"message":"authentication failed"}""")]
    [InlineData(HttpStatusCode.Forbidden, """{"code":1103,"message":"no permission"}""")]
    [InlineData(HttpStatusCode.NotFound, """{"code":1203,"message":"task not found"}""")]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"message":"not found","type":"comet_api_error","code":""}}""")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":1102,"message":"resource pack exhausted"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":1101,"message":"account in arrears"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"code":1201,"message":"invalid task id"}""")]
    public async Task Wait_ends_at_the_first_permanent_error(HttpStatusCode status, string body)
    {
        var (client, api) = Create(ScriptedApi.Task("processing"), ScriptedApi.Json(status, body), ScriptedApi.Task("succeed"));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Wait(client));

        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Wait_times_out_with_the_task_id_and_last_response()
    {
        var (client, api) = Create(ScriptedApi.Task("processing"));
        var started = _clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => Wait(client, new KlingWaitOptions { Timeout = TimeSpan.FromMinutes(5) }));

        // Deliberately changed: a wait timeout is a KlingException (no longer a TimeoutException) and is not retryable
        // (repeating the call that created the task would pay twice); its Task handle resumes the wait.
        Assert.IsNotAssignableFrom<TimeoutException>(error);
        Assert.False(error.IsRetryable);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "t-1"), error.Task);
        Assert.Equal(TimeSpan.FromMinutes(5), _clock.GetUtcNow() - started);
        Assert.Equal("t-1", error.Task!.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, error.LastKnownTask!.Data.TaskStatus);
        Assert.Contains("'t-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 min", error.Message, StringComparison.Ordinal);
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
        Assert.True(api.Requests.Count is > 20 and < 40, $"{api.Requests.Count} requests in 5 minutes");
    }

    [Fact]
    public async Task Wait_timeout_after_only_failures_carries_the_last_error()
    {
        var (client, _) = Create(ScriptedApi.Throws(new HttpRequestException("no route to host")));

        var error = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => Wait(client, new KlingWaitOptions { Timeout = TimeSpan.FromMinutes(1) }));

        Assert.Null(error.LastKnownTask);
        Assert.IsType<KlingConnectionException>(error.InnerException);
        Assert.Contains("no query succeeded", error.Message, StringComparison.Ordinal);
        Assert.Contains("no route to host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_times_out_during_a_query_that_hangs()
    {
        var (client, api) = Create(
            ScriptedApi.Task("processing"),
            async (_, cancellationToken) =>
            {
                _clock.NotifyBlocked();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            });
        var started = _clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => Wait(client, new KlingWaitOptions { Timeout = TimeSpan.FromSeconds(30) }));

        Assert.Equal(TimeSpan.FromSeconds(30), _clock.GetUtcNow() - started);
        Assert.Equal(KlingTaskStatus.Processing, error.LastKnownTask!.Data.TaskStatus);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Wait_without_a_timeout_waits_past_30_minutes()
    {
        var steps = Enumerable.Repeat(ScriptedApi.Task("processing"), 150).Append(ScriptedApi.Task("succeed")).ToArray();
        var (client, api) = Create(steps);

        var task = await Wait(client, new KlingWaitOptions { Timeout = Timeout.InfiniteTimeSpan });

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.True(api.RequestTimes[^1] > 1800);
    }

    [Fact]
    public async Task Wait_canceled_by_the_caller_throws_OperationCanceledException_not_a_timeout()
    {
        var (client, api) = Create(ScriptedApi.Task("processing"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20), _clock);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wait(client, new KlingWaitOptions { Timeout = TimeSpan.FromSeconds(60) }, cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(api.Requests.Count > 1);
    }

    [Fact]
    public async Task Wait_canceled_while_a_query_is_in_flight_is_a_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var (client, _) = Create(async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wait(client, cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Wait_with_an_already_canceled_token_sends_nothing()
    {
        var (client, api) = Create(ScriptedApi.Task("succeed"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wait(client, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Wait_resumes_from_a_stored_task_id_in_a_new_client()
    {
        // The first "process" times out; a second one, knowing only the id, picks the task up where it is.
        var (first, _) = Create(ScriptedApi.Task("processing"));
        var timeout = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => Wait(first, new KlingWaitOptions { Timeout = TimeSpan.FromSeconds(10) }));
        var (second, api) = Create(ScriptedApi.Task("processing"), ScriptedApi.Task("succeed"));
        var reports = new List<KlingTaskStatus>();

        var task = await _clock.RunAsync(() => second.WaitForCompletionAsync(
            new KlingTaskHandle(KlingTaskKind.ImageToVideo, timeout.Task!.TaskId!), new KlingWaitOptions { Progress = new SynchronousProgress<TaskResponse>(t => reports.Add(t.Data.TaskStatus)) }, TestContext.Current.CancellationToken));

        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal([KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], reports);
        Assert.All(api.Requests, request => Assert.EndsWith("/image2video/t-1", request.Request.RequestUri!.AbsolutePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_rejects_unusable_options_listing_every_problem_before_sending()
    {
        var (client, api) = Create(ScriptedApi.Task("succeed"));
        var options = new KlingWaitOptions
        {
            Timeout = TimeSpan.Zero,
            FirstPollDelay = TimeSpan.FromSeconds(-1),
            MinPollInterval = TimeSpan.FromSeconds(10),
            MaxPollInterval = TimeSpan.FromSeconds(5),
            PollIntervalRatio = double.NaN,
            MaxRetryAfter = TimeSpan.FromSeconds(-1),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "t-1"), options, TestContext.Current.CancellationToken));

        Assert.Equal("options", error.ParamName);
        foreach (var name in new[] { "Timeout", "FirstPollDelay", "MaxPollInterval", "PollIntervalRatio", "MaxRetryAfter" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task Wait_rejects_a_missing_task_id(string? taskId)
    {
        var (client, api) = Create(ScriptedApi.Task("succeed"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, taskId!), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("taskId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Wait_goes_through_the_overridable_query_so_mocks_can_drive_it()
    {
        var client = new StubClient();

        var task = await _clock.RunAsync(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "t-9"), new KlingWaitOptions { FirstPollDelay = TimeSpan.Zero }, TestContext.Current.CancellationToken));

        Assert.Equal("t-9", task.Data.TaskId);
        Assert.Equal(3, client.Calls);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(10, 2)]
    [InlineData(20, 3)]
    [InlineData(60, 9)]
    [InlineData(100, 15)]
    [InlineData(3600, 15)]
    public void The_schedule_is_15_percent_of_elapsed_between_2_and_15_seconds(double elapsedSeconds, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), KlingPollSchedule.NextDelay(TimeSpan.FromSeconds(elapsedSeconds), new KlingWaitOptions()));
    }

    [Fact]
    public void A_Retry_After_shorter_than_the_schedule_does_not_speed_polling_up()
    {
        var delay = KlingPollSchedule.AfterFailure(TimeSpan.FromSeconds(100), 1, TimeSpan.FromSeconds(1), new KlingWaitOptions());

        Assert.Equal(TimeSpan.FromSeconds(15), delay);
    }

    private sealed class StubClient : KlingClient
    {
        public int Calls { get; private set; }

        public override Task<TaskResponse> GetTaskAsync(KlingTaskKind kind, string taskId, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new TaskResponse { Data = new TaskData { TaskId = taskId, TaskStatus = Calls < 3 ? KlingTaskStatus.Processing : KlingTaskStatus.Succeeded } });
        }
    }
}
