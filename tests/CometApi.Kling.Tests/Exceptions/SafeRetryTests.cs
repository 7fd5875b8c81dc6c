using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Exceptions;

/// <summary>
/// The 1.0 defects around paid tasks, each pinned by a test the old code fails: an ambiguous create read as
/// "retryable" and lost its task; a download failure after success lost the task; a wait timeout escaped
/// <c>catch (KlingException)</c> and left its span unmarked; GenerateAsync took only image-to-video.
/// </summary>
public sealed class SafeRetryTests : IDisposable
{
    private const string TaskId = "867";
    private const string VideoUrl = "https://cdn.example.com/t2v/867.mp4?sig=s";
    private const string UnavailableJson = """{"code":5001,"message":"service temporarily unavailable","request_id":"r-503"}""";
    private const string NotFoundJson = """{"code":1203,"message":"task not found","request_id":"r-404"}""";

    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TextToVideoRequest Request(string? externalTaskId = null) => new()
    {
        Prompt = "A red fox runs through fresh snow at dawn",
        ExternalTaskId = externalTaskId,
    };

    /// <summary>
    /// A fake API whose creates fail with 503 and whose lookups by external id find nothing, until <see cref="TaskMade"/>
    /// is set (the service made the task after all): then lookups find it and queries by id say it succeeded.
    /// </summary>
    private sealed class FlakyCreateApi
    {
        public bool TaskMade { get; set; }

        public List<string> CreateIds { get; } = [];

        public HttpResponseMessage Respond(HttpRequestMessage request)
        {
            var query = request.RequestUri!.Query;
            if (request.Method == HttpMethod.Post)
            {
                CreateIds.Add(JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!["external_task_id"]!.GetValue<string>());
                return KindApi.Json(UnavailableJson, HttpStatusCode.ServiceUnavailable);
            }

            if (query.StartsWith("?external_task_id=", StringComparison.Ordinal))
            {
                var externalTaskId = Uri.UnescapeDataString(query["?external_task_id=".Length..]);
                return TaskMade
                    ? KindApi.Json(KindApi.Task(TaskId, "processing", externalTaskId: externalTaskId))
                    : KindApi.Json(NotFoundJson, HttpStatusCode.NotFound);
            }

            return KindApi.Json(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));
        }
    }

    // ---- (a) an ambiguous create is not retryable and carries a handle that finds the task ----

    [Fact]
    public async Task Ambiguous_create_is_not_retryable_and_its_Task_handle_lets_WaitForCompletionAsync_find_the_task()
    {
        var api = new FlakyCreateApi();
        var handler = new CapturingHandler(api.Respond);
        var client = KindApi.Client(handler, _clock, options => options.Resilience.MaxRetryAttempts = 1);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() => client.CreateTextToVideoAsync(Request(), Token)));

        Assert.False(error.IsRetryable);
        Assert.NotNull(error.Task);
        Assert.Equal(KlingTaskKind.TextToVideo, error.Task.Kind);
        Assert.Null(error.Task.TaskId);
        Assert.Equal(2, api.CreateIds.Count);
        Assert.All(api.CreateIds, id => Assert.Equal(error.Task!.ExternalTaskId!, id));
        Assert.Contains($"GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, \"{error.Task!.ExternalTaskId!}\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("WaitForCompletionAsync(exception.Task)", error.Message, StringComparison.Ordinal);

        // The service made the task after all: waiting on the exception's handle finds it by its external id, then polls it by id.
        api.TaskMade = true;
        var sentBefore = handler.Requests.Count;
        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(error.Task, cancellationToken: Token));

        Assert.Equal(TaskId, done.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.TextToVideo, done.Data.Kind);
        Assert.Equal(
            [$"/kling/v1/videos/text2video?external_task_id={error.Task!.ExternalTaskId!}", $"/kling/v1/videos/text2video/{TaskId}"],
            handler.Requests.Skip(sentBefore).Select(sent => sent.Uri.PathAndQuery));
    }

    [Fact]
    public async Task Ambiguous_create_with_the_callers_own_external_id_hands_back_that_id()
    {
        var api = new FlakyCreateApi();
        var client = KindApi.Client(new CapturingHandler(api.Respond), _clock, options => options.Resilience.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() => client.CreateTextToVideoAsync(Request("order-42"), Token)));

        Assert.False(error.IsRetryable);
        Assert.Equal(KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-42"), error.Task);
        Assert.Equal("order-42", error.Task!.ExternalTaskId!);
        Assert.Equal(["order-42"], api.CreateIds);
    }

    [Fact]
    public async Task Ambiguous_create_without_any_external_id_is_not_retryable_either_and_has_no_handle()
    {
        var handler = new CapturingHandler(_ => KindApi.Json(UnavailableJson, HttpStatusCode.ServiceUnavailable));
        var client = KindApi.Client(handler, _clock, options => options.Resilience.AutoExternalTaskId = false);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() => client.CreateTextToVideoAsync(Request(), Token)));

        Assert.False(error.IsRetryable);
        Assert.Null(error.Task);
        Assert.Null(error.Task);
        Assert.Contains("ListTasksAsync(KlingTaskKind.TextToVideo)", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    // ---- (b) a download failure after the task succeeded carries the task and is never retryable ----

    private (KlingClient Client, CapturingHandler Handler) SucceedingTaskWithBrokenDownload(HttpStatusCode downloadStatus)
    {
        var handler = new CapturingHandler(request => request switch
        {
            { RequestUri.Host: KindApi.Cdn } => new HttpResponseMessage(downloadStatus),
            { Method.Method: "POST" } => KindApi.Json(Responses.Created),
            _ => KindApi.Json(KindApi.Task("2032273942220931072", "succeed", KindApi.Videos(VideoUrl))),
        });
        return (KindApi.Client(handler, _clock, options => options.Resilience.MaxRetryAttempts = 1), handler);
    }

    [Fact]
    public async Task GenerateAsync_whose_download_fails_after_success_throws_KlingDownloadException_with_the_task_and_not_retryable()
    {
        var (client, handler) = SucceedingTaskWithBrokenDownload(HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.False(error.IsRetryable);
        Assert.NotNull(error.LastKnownTask);
        Assert.Equal("2032273942220931072", error.LastKnownTask.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, error.LastKnownTask.Data.Kind);
        Assert.Equal(KlingTaskStatus.Succeeded, error.LastKnownTask.Data.TaskStatus);
        Assert.Equal(new Uri(VideoUrl), Assert.Single(error.LastKnownTask.Data.TaskResult!.Videos).Url);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, "2032273942220931072"), error.Task);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var inner = Assert.IsType<KlingDownloadException>(error.InnerException);
        Assert.Equal(HttpStatusCode.Forbidden, inner.StatusCode);
        Assert.Contains("DownloadResultsAsync(exception.LastKnownTask, output)", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests, sent => sent.Method == HttpMethod.Post);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task GenerateAsync_whose_download_fails_transiently_is_still_not_retryable_as_a_whole()
    {
        var (client, handler) = SucceedingTaskWithBrokenDownload(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        // Downloading the same link again may work, but repeating GenerateAsync would pay for a second task.
        Assert.True(Assert.IsType<KlingDownloadException>(error.InnerException).IsRetryable);
        Assert.False(error.IsRetryable);
        Assert.Equal("2032273942220931072", error.LastKnownTask!.Data.TaskId);
        Assert.Equal(2, handler.Requests.Count(sent => sent.Uri.Host == KindApi.Cdn));
    }

    [Fact]
    public async Task The_task_of_a_failed_GenerateAsync_download_can_be_downloaded_again()
    {
        var downloads = 0;
        var handler = new CapturingHandler(request => request switch
        {
            { RequestUri.Host: KindApi.Cdn } => ++downloads == 1 ? new HttpResponseMessage(HttpStatusCode.NotFound) : KindApi.File(request.RequestUri!),
            { Method.Method: "POST" } => KindApi.Json(Responses.Created),
            _ => KindApi.Json(KindApi.Task("2032273942220931072", "succeed", KindApi.Videos(VideoUrl))),
        });
        var client = KindApi.Client(handler, _clock);
        var target = _directory.File("fox.mp4");

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() => client.GenerateAsync(Request(), KlingOutput.File(target), cancellationToken: Token)));
        var files = await client.DownloadResultsAsync(error.LastKnownTask!, KlingOutput.File(target), cancellationToken: Token);

        Assert.Equal([Path.GetFullPath(target)], files);
        Assert.Single(handler.Requests, sent => sent.Method == HttpMethod.Post);
    }

    // ---- (c) a wait timeout is a KlingException, and its span says Error ----

    [Fact]
    public async Task Catch_KlingException_catches_a_wait_timeout()
    {
        var client = KindApi.Client(new CapturingHandler(_ => KindApi.Json(KindApi.Task(TaskId, "processing"))), _clock);
        KlingException? caught = null;

        try
        {
            await _clock.RunAsync(() => client.WaitForCompletionAsync(
                new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), new KlingWaitOptions { Timeout = TimeSpan.FromMinutes(2) }, Token));
        }
        catch (KlingException ex)
        {
            caught = ex;
        }

        var timeout = Assert.IsType<KlingWaitTimeoutException>(caught);
        Assert.False(timeout.IsRetryable);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), timeout.Task);
        Assert.Equal(TaskId, timeout.Task!.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, timeout.LastKnownTask!.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.TextToVideo, timeout.LastKnownTask.Data.Kind);
    }

    [Fact]
    public async Task GenerateAsync_timeout_is_a_KlingException_whose_handle_resumes_the_wait()
    {
        var statuses = new Queue<string>([KindApi.Task("2032273942220931072", "processing")]);
        var handler = new CapturingHandler(request => request switch
        {
            { RequestUri.Host: KindApi.Cdn } => KindApi.File(request.RequestUri!),
            { Method.Method: "POST" } => KindApi.Json(Responses.Created),
            _ => KindApi.Json(statuses.Peek()),
        });
        var client = KindApi.Client(handler, _clock);
        KlingException? caught = null;

        try
        {
            await _clock.RunAsync(() => client.GenerateAsync(Request(), KlingOutput.File(_directory.File("fox.mp4")), new KlingGenerateOptions { Wait = { Timeout = TimeSpan.FromMinutes(1) } }, cancellationToken: Token));
        }
        catch (KlingException ex)
        {
            caught = ex;
        }

        var timeout = Assert.IsType<KlingWaitTimeoutException>(caught);
        Assert.False(timeout.IsRetryable);
        Assert.Equal(KlingTaskKind.TextToVideo, timeout.Task!.Kind);

        statuses.Clear();
        statuses.Enqueue(KindApi.Task("2032273942220931072", "succeed", KindApi.Videos(VideoUrl)));
        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(timeout.Task, cancellationToken: Token));

        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Single(handler.Requests, sent => sent.Method == HttpMethod.Post);
        Assert.All(handler.Requests.Where(sent => sent.Method == HttpMethod.Get), sent => Assert.Equal("/kling/v1/videos/text2video/2032273942220931072", sent.Uri.AbsolutePath));
    }

    [Fact]
    public async Task The_kling_wait_span_is_marked_Error_on_a_timeout()
    {
        using var testSource = new ActivitySource("CometApi.Kling.Tests.SafeRetry");
        var spans = new ConcurrentQueue<Activity>();
        Activity? parent = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CometApi.Kling" || source.Name == testSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Listeners are process-wide: keep only this test's trace.
                if (activity.Source.Name == "CometApi.Kling" && parent is not null && activity.TraceId == parent.TraceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var client = KindApi.Client(new CapturingHandler(_ => KindApi.Json(KindApi.Task(TaskId, "processing"))), _clock);

        using (parent = testSource.StartActivity("test"))
        {
            Assert.NotNull(parent);
            await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => _clock.RunAsync(() => client.WaitForCompletionAsync(
                new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), new KlingWaitOptions { Timeout = TimeSpan.FromMinutes(1) }, Token)));
        }

        var wait = Assert.Single(spans, span => span.OperationName == "kling.wait");
        Assert.Equal(ActivityStatusCode.Error, wait.Status);
        Assert.Equal(nameof(KlingWaitTimeoutException), wait.StatusDescription);
        Assert.Equal("videos/text2video", wait.GetTagItem("kling.task_kind")?.ToString());
        Assert.All(spans.Where(span => span.OperationName == "kling.query"), query => Assert.NotEqual(ActivityStatusCode.Error, query.Status));
    }

    // ---- (d) GenerateAsync takes a text-to-video request ----

    [Fact]
    public async Task GenerateAsync_works_end_to_end_for_a_TextToVideoRequest_with_a_scripted_api()
    {
        var api = new ScriptedApi(
            _clock,
            ScriptedApi.Json(HttpStatusCode.OK, Responses.Created),
            ScriptedApi.Json(HttpStatusCode.OK, KindApi.Task("2032273942220931072", "processing")),
            ScriptedApi.Json(HttpStatusCode.OK, KindApi.Task("2032273942220931072", "succeed", KindApi.Videos(VideoUrl))),
            (request, _) => Task.FromResult(KindApi.File(request.RequestUri!)));
        var client = KindApi.Client(api, _clock);
        var target = _directory.File("fox.mp4");

        var result = await _clock.RunAsync(() => client.GenerateAsync(Request(), KlingOutput.File(target), cancellationToken: Token));

        Assert.Equal(KlingTaskKind.TextToVideo, result.Task.Data.Kind);
        Assert.Equal(Path.GetFullPath(target), result.FilePath);
        Assert.Equal(KindApi.FileBytes(new Uri(VideoUrl)), File.ReadAllBytes(target));
        Assert.Equal(
            [
                "POST https://api.cometapi.com/kling/v1/videos/text2video",
                "GET https://api.cometapi.com/kling/v1/videos/text2video/2032273942220931072",
                "GET https://api.cometapi.com/kling/v1/videos/text2video/2032273942220931072",
                "GET " + VideoUrl,
            ],
            api.Requests.Select(sent => $"{sent.Request.Method} {sent.Request.RequestUri!.AbsoluteUri}"));

        // The default poll schedule in virtual time: first poll after 2 s, then the minimum interval.
        Assert.Equal(0, api.RequestTimes[0]);
        Assert.Equal(2, api.RequestTimes[1]);
    }
}
