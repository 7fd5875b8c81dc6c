using System.Net;
using System.Text;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Download;

public sealed class GenerateVideoTests : IDisposable
{
    private const string TaskId = "2032273942220931072";

    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    private static ImageToVideoRequest Request() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
        Prompt = "The cat turns its head",
        ExternalTaskId = "order-42",
    };

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Task(string status, string extra = "") =>
        $$$"""{"code":0,"message":"SUCCEED","data":{"task_id":"{{{TaskId}}}","task_status":"{{{status}}}"{{{extra}}}}}""";

    private (KlingClient Client, CapturingHandler Handler) Create(Queue<string> statuses, Func<HttpResponseMessage>? video = null)
    {
        var handler = new CapturingHandler(request => request switch
        {
            { Method.Method: "POST" } => Json(Responses.Created),
            { RequestUri.Host: "cdn.example.com" } => video?.Invoke() ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new GeneratedVideoContent(50_000) },
            _ => Json(statuses.Count > 1 ? statuses.Dequeue() : statuses.Peek()),
        });
        return (new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-gen", TimeProvider = _clock }), handler);
    }

    private const string Video = ""","task_result":{"videos":[{"id":"v-1","url":"https://cdn.example.com/v.mp4?sig=s","duration":"5.1"}]}""";

    [Fact]
    public async Task Generate_creates_waits_and_downloads_the_video()
    {
        var (client, handler) = Create(new Queue<string>([Task("processing"), Task("succeed", Video)]));
        var statuses = new List<KlingTaskStatus>();
        var target = _directory.File("cat.mp4");

        var result = await _clock.RunAsync(() => client.GenerateAsync(
            Request(),
            KlingOutput.File(target),
            new KlingGenerateOptions { Wait = { Progress = new SynchronousProgress<TaskResponse>(task => statuses.Add(task.Data.TaskStatus)) } },
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TaskId, result.Task.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus);
        Assert.Equal(Path.GetFullPath(target), result.FilePath);
        Assert.Equal(50_000, new FileInfo(target).Length);
        Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], statuses);
        Assert.Equal(["POST", "GET", "GET", "GET"], handler.Requests.Select(request => request.Method.Method));
        Assert.Equal("Bearer sk-gen", handler.Requests[0].Headers.Authorization?.ToString());
        Assert.Null(handler.Requests[^1].Headers.Authorization);
        Assert.Contains(TaskId, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_raises_KlingTaskFailedException_for_a_failed_task()
    {
        var (client, handler) = Create(new Queue<string>([Task("failed", ""","task_status_msg":"content risk control" """)]));

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("cat.mp4")), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(TaskId, error.LastKnownTask!.Data.TaskId);
        Assert.Equal("content risk control", error.LastKnownTask.Data.TaskStatusMessage);
        Assert.Contains(TaskId, error.Message, StringComparison.Ordinal);
        Assert.Contains("content risk control", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Equal(KlingTaskStatus.Failed, error.LastKnownTask!.Data.TaskStatus);
        Assert.Empty(_directory.Files());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Generate_timeout_carries_the_task_id_to_resume_with()
    {
        var (client, _) = Create(new Queue<string>([Task("processing")]));

        var error = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("cat.mp4")), new KlingGenerateOptions { Wait = { Timeout = TimeSpan.FromMinutes(2) } }, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(TaskId, error.Task!.TaskId);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task Generate_with_an_expired_link_leaves_nothing_and_says_so()
    {
        var (client, _) = Create(new Queue<string>([Task("succeed", Video)]), () => new HttpResponseMessage(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("cat.mp4")), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task Generate_checks_the_path_and_wait_options_before_creating_a_paid_task()
    {
        var (client, handler) = Create(new Queue<string>([Task("succeed", Video)]));

        var pathError = await Assert.ThrowsAsync<ArgumentNullException>(() => client.GenerateAsync(Request(), null!, cancellationToken: TestContext.Current.CancellationToken));
        var optionsError = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File("v.mp4")), new KlingGenerateOptions { Wait = { Timeout = TimeSpan.FromSeconds(-5) } }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("output", pathError.ParamName);
        Assert.Equal("options", optionsError.ParamName);
        Assert.Empty(handler.Requests);
    }
}
