using System.Net;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Download;

public sealed class DownloadVideoTests : IDisposable
{
    private static readonly Uri VideoUrl = new("https://cdn.example.com/videos/v-1.mp4?sig=SECRET-SIGNATURE&exp=1");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static (KlingClient Client, CapturingHandler Handler) Create(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        // One attempt per download: these tests look at what a single attempt does and reports; DownloadRetryTests
        // cover the retries (in virtual time).
        var handler = new CapturingHandler(respond);
        var options = new KlingClientOptions { ApiKey = "sk-download-key" };
        options.Resilience.MaxRetryAttempts = 0;
        return (new KlingClient(new HttpClient(handler), options), handler);
    }

    private static HttpResponseMessage Video(HttpContent content) => new(HttpStatusCode.OK) { Content = content };

    private static TaskResponse Succeeded(Uri? url) => new()
    {
        Data = new TaskData
        {
            TaskId = "t-1",
            TaskStatus = KlingTaskStatus.Succeeded,
            TaskResult = new TaskResult { Videos = url is null ? [] : [new KlingVideo { Id = "v-1", Url = url }] },
        },
    };

    private static void AssertGeneratedBytes(byte[] bytes, long length)
    {
        Assert.Equal(length, bytes.LongLength);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != GeneratedVideoContent.ByteAt(i))
            {
                Assert.Fail($"Byte {i} differs.");
            }
        }
    }

    [Fact]
    public async Task Download_writes_the_whole_video_to_the_path_and_reports_progress()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(300_000)));
        var reports = new List<KlingDownloadProgress>();
        var target = _directory.File("out/video.mp4");

        var path = Assert.Single(await client.DownloadResultsAsync(Succeeded(VideoUrl), KlingOutput.File(target), new SynchronousProgress<KlingDownloadProgress>(reports.Add), TestContext.Current.CancellationToken));

        Assert.Equal(Path.GetFullPath(target), path);
        AssertGeneratedBytes(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), 300_000);
        Assert.Equal(new KlingDownloadProgress(0, 300_000, 1, 1, path), reports[0]);
        Assert.Equal(new KlingDownloadProgress(300_000, 300_000, 1, 1, path), reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.BytesReceived < pair.Second.BytesReceived));
        Assert.Equal(["out/video.mp4"], _directory.Files());
    }

    [Fact]
    public async Task Download_never_sends_the_API_key_to_the_video_host()
    {
        // Even a video served from the API's own host gets no key: downloads are built apart from API requests.
        var (client, handler) = Create(_ => Video(new GeneratedVideoContent(10)));

        await client.DownloadAsync(VideoUrl, _directory.File("a.mp4"), cancellationToken: TestContext.Current.CancellationToken);
        await client.DownloadAsync(new Uri("https://api.cometapi.com/files/v.mp4"), new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, request =>
        {
            Assert.Null(request.Headers.Authorization);
            Assert.DoesNotContain("sk-download-key", request.Headers.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("sk-download-key", request.Uri.ToString(), StringComparison.Ordinal);
        });
        Assert.Equal(VideoUrl, handler.Requests[0].Uri);
    }

    [Fact]
    public async Task Download_without_a_Content_Length_accepts_what_arrives()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(70_000, announcedLength: null)));
        var reports = new List<KlingDownloadProgress>();

        var path = await client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), new SynchronousProgress<KlingDownloadProgress>(reports.Add), TestContext.Current.CancellationToken);

        AssertGeneratedBytes(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), 70_000);
        Assert.Equal(new KlingDownloadProgress(70_000, null, 1, 1, path), reports[^1]);
    }

    [Fact]
    public async Task A_truncated_download_leaves_nothing_at_the_destination()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(600_000, announcedLength: 1_000_000)));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("cut short: 600000 of 1000000 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsRetryable);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task More_bytes_than_the_Content_Length_is_an_error_and_leaves_nothing()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(200_000, announcedLength: 100_000)));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("longer than the 100000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_way_leaves_nothing_and_is_retryable()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(1_000_000, failAfter: 200_000)));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("connection broke after", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
        Assert.True(error.IsRetryable);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_failed_download_keeps_an_existing_file_and_a_good_one_replaces_it()
    {
        var target = _directory.File("v.mp4");
        await File.WriteAllTextAsync(target, "previous video", TestContext.Current.CancellationToken);
        var good = false;
        var (client, _) = Create(_ => Video(good ? new GeneratedVideoContent(1000) : new GeneratedVideoContent(500, announcedLength: 1000)));

        await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, target, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("previous video", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));

        good = true;
        await client.DownloadAsync(VideoUrl, target, cancellationToken: TestContext.Current.CancellationToken);
        AssertGeneratedBytes(await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken), 1000);
        Assert.Equal(["v.mp4"], _directory.Files());
    }

    [Fact]
    public async Task Canceling_mid_way_leaves_nothing_at_the_destination()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(1_000_000, stallAfter: 300_000, onStall: cancellation.Cancel)));
        var reports = new List<KlingDownloadProgress>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), new SynchronousProgress<KlingDownloadProgress>(reports.Add), cancellation.Token));

        Assert.Equal(300_000, reports[^1].BytesReceived);
        Assert.Empty(_directory.Files());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task An_expired_link_says_so_and_how_to_get_a_fresh_one(HttpStatusCode status)
    {
        var (client, _) = Create(_ => new HttpResponseMessage(status) { Content = new StringContent("<Error><Code>AccessDenied</Code></Error>") });

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadResultsAsync(Succeeded(VideoUrl), KlingOutput.File(_directory.File("v.mp4")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetTaskAsync(kind, taskId)", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://cdn.example.com/videos/v-1.mp4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-SIGNATURE", error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_server_error_on_the_video_host_is_retryable()
    {
        var (client, _) = Create(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task No_response_from_the_video_host_is_a_retryable_download_error()
    {
        var (client, _) = Create(_ => throw new HttpRequestException("Name or service not known"));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(error.IsRetryable);
        Assert.Contains("Name or service not known", error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task Download_to_a_stream_returns_the_byte_count_and_checks_the_length()
    {
        var good = new GeneratedVideoContent(123_456);
        var (client, _) = Create(_ => Video(good));
        using var destination = new MemoryStream();

        var written = await client.DownloadAsync(VideoUrl, destination, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(123_456, written);
        AssertGeneratedBytes(destination.ToArray(), 123_456);

        var (truncating, _) = Create(_ => Video(new GeneratedVideoContent(10, announcedLength: 20)));
        await Assert.ThrowsAsync<KlingDownloadException>(() => truncating.DownloadAsync(VideoUrl, new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Download_of_a_task_that_has_not_succeeded_says_to_wait_first()
    {
        var (client, handler) = Create(_ => Video(new GeneratedVideoContent(1)));
        var running = new TaskResponse { Data = new TaskData { TaskId = "t-1", TaskStatus = KlingTaskStatus.Processing } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadResultsAsync(running, KlingOutput.File(_directory.File("v.mp4")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("task", error.ParamName);
        Assert.Contains("WaitForCompletionAsync", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Download_of_a_failed_task_raises_KlingTaskFailedException()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(1)));
        var failed = new TaskResponse { Data = new TaskData { TaskId = "t-1", TaskStatus = KlingTaskStatus.Failed, TaskStatusMessage = "risk control" } };

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => client.DownloadResultsAsync(failed, KlingOutput.File(_directory.File("v.mp4")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("t-1", error.LastKnownTask!.Data.TaskId);
        Assert.Equal("risk control", error.LastKnownTask.Data.TaskStatusMessage);
    }

    [Fact]
    public async Task Download_of_a_succeeded_task_without_a_video_url_is_refused()
    {
        var (client, _) = Create(_ => Video(new GeneratedVideoContent(1)));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadResultsAsync(Succeeded(url: null), KlingOutput.File(_directory.File("v.mp4")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("no file URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/v.mp4")]
    public async Task Download_refuses_urls_that_are_not_http(string url)
    {
        var (client, handler) = Create(_ => Video(new GeneratedVideoContent(1)));

        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(new Uri(url), _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Download_refuses_a_missing_path(string path)
    {
        var (client, handler) = Create(_ => Video(new GeneratedVideoContent(1)));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(VideoUrl, path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("path", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Download_with_a_canceled_token_sends_nothing()
    {
        var (client, handler) = Create(_ => Video(new GeneratedVideoContent(1)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(handler.Requests);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public void Download_progress_shows_the_file_of_how_many_its_bytes_and_total()
    {
        Assert.Equal("5 / 10 bytes", new KlingDownloadProgress(5, 10, 1, 1, "v.mp4").ToString());
        Assert.Equal("5 bytes", new KlingDownloadProgress(5, null, 1, 1, null).ToString());
        Assert.Equal("file 2 of 3: 5 / 10 bytes", new KlingDownloadProgress(5, 10, 2, 3, "x-2.png").ToString());
        Assert.True(new KlingDownloadProgress(1, 2, 1, 1, "a") == new KlingDownloadProgress(1, 2, 1, 1, "a"));
        Assert.True(new KlingDownloadProgress(1, 2, 1, 2, "a") != new KlingDownloadProgress(1, 2, 2, 2, "a"));
        Assert.Throws<ArgumentOutOfRangeException>("fileIndex", () => new KlingDownloadProgress(0, null, 0, 1, null));
        Assert.Throws<ArgumentOutOfRangeException>("fileIndex", () => new KlingDownloadProgress(0, null, 3, 2, null));
    }

    [Fact]
    public void The_download_buffer_stays_off_the_large_object_heap()
    {
        Assert.True(CometApi.Kling.Download.KlingVideoDownloader.BufferSize < 85_000);
        Assert.True(System.Buffers.ArrayPool<byte>.Shared.Rent(CometApi.Kling.Download.KlingVideoDownloader.BufferSize).Length < 85_000);
    }
}
