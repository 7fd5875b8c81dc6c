using System.Net;
using System.Net.Http.Headers;
using CometApi.Kling.Testing;
using CometApi.Kling.Tests.Infrastructure;
using CometApi.Kling.Tests.Resilience;

namespace CometApi.Kling.Tests.Download;

/// <summary>
/// Downloads retry transient failures through the client's pipeline, in virtual time: they resume with a Range request
/// where the host allows it, start over where it does not, and never retry an expired link.
/// </summary>
public sealed class DownloadRetryTests : IDisposable
{
    private const long Length = 1_000_000;

    private static readonly Uri VideoUrl = new("https://cdn.example.com/videos/v-1.mp4?sig=SECRET&exp=1");

    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A video host scripted per call (1, 2, ...); it records every request.</summary>
    private (KlingClient Client, CapturingHandler Host) Create(Func<int, HttpRequestMessage, HttpResponseMessage> answer, Action<KlingResilienceOptions>? resilience = null)
    {
        var calls = 0;
        var host = new CapturingHandler(request => answer(Interlocked.Increment(ref calls), request));
        var options = new KlingClientOptions { ApiKey = "sk-retry", TimeProvider = _clock };
        resilience?.Invoke(options.Resilience);
        return (new KlingClient(new HttpClient(host) { Timeout = Timeout.InfiniteTimeSpan }, options), host);
    }

    /// <summary>The whole video, announcing that ranges are accepted (or not); it can break or stall part-way.</summary>
    private static HttpResponseMessage Whole(bool acceptRanges = true, long? failAfter = null, long? stallAfter = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new GeneratedVideoContent(Length, failAfter: failAfter, stallAfter: stallAfter) };
        if (acceptRanges)
        {
            response.Headers.AcceptRanges.Add("bytes");
        }

        return response;
    }

    /// <summary>What a CDN answers to <c>Range: bytes=N-</c>: 206 with bytes N to the end.</summary>
    private static HttpResponseMessage Ranged(HttpRequestMessage request, long? from = null)
    {
        var start = from ?? request.Headers.Range!.Ranges.Single().From!.Value;
        var response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new GeneratedVideoContent(Length, start: start) };
        response.Content.Headers.ContentRange = new ContentRangeHeaderValue(start, Length - 1, Length);
        response.Headers.AcceptRanges.Add("bytes");
        return response;
    }

    private static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("<Error/>") };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return response;
    }

    private static string? RangeOf(CapturedRequest request) => request.Headers.Range?.ToString();

    private static void AssertVideo(byte[] bytes)
    {
        Assert.Equal(Length, bytes.LongLength);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != GeneratedVideoContent.ByteAt(i))
            {
                Assert.Fail($"Byte {i} differs.");
            }
        }
    }

    private Task<T> Run<T>(Func<Task<T>> operation) => _clock.RunAsync(operation);

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_Retry_After_and_the_video_arrives()
    {
        var (client, host) = Create((call, _) => call == 1 ? Status(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2)) : Whole());
        var started = _clock.GetUtcNow();

        var path = await Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(2, host.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), _clock.GetUtcNow() - started);
        Assert.All(host.Requests, request => Assert.Null(request.Headers.Authorization));
        Assert.Equal(["v.mp4"], _directory.Files());
    }

    [Fact]
    public async Task A_cut_download_resumes_with_a_Range_request_and_the_file_is_byte_identical()
    {
        var (client, host) = Create((call, request) => call == 1 ? Whole(failAfter: 300_000) : Ranged(request));
        var reports = new List<KlingDownloadProgress>();

        var path = await Run(() => client.DownloadAsync(
            VideoUrl, _directory.File("v.mp4"), new SynchronousProgress<KlingDownloadProgress>(reports.Add), TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, "bytes=300000-"], host.Requests.Select(RangeOf));
        Assert.Equal(new KlingDownloadProgress(300_000, Length, 1, 1, path), reports.SkipWhile(report => report.BytesReceived < 300_000).First());
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.BytesReceived <= pair.Second.BytesReceived), "a resumed download never goes back");
        Assert.Equal(["v.mp4"], _directory.Files());
    }

    [Fact]
    public async Task A_cut_download_from_the_emulator_resumes_and_matches_a_clean_download()
    {
        using var harness = new ResilienceHarness();
        var task = await harness.SucceededTaskAsync();
        var url = task.Data.TaskResult!.Videos[0].Url!;
        harness.Emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.TruncatedBody(), onCall: 1);

        var path = await harness.Run(() => harness.Client.DownloadAsync(url, _directory.File("cut.mp4"), cancellationToken: TestContext.Current.CancellationToken));
        using var clean = new MemoryStream();
        await harness.Run(() => harness.Client.DownloadAsync(url, clean, cancellationToken: TestContext.Current.CancellationToken));

        var videos = harness.Emulator.Requests.Where(request => request.Endpoint == KlingEmulatorEndpoint.Video).ToArray();
        Assert.Equal(3, videos.Length);
        var half = clean.Length / 2;
        Assert.Equal(FormattableString.Invariant($"bytes={half}-"), videos[1].Headers["Range"]);
        Assert.Equal(206, videos[1].ResponseStatusCode);
        Assert.False(videos[2].Headers.ContainsKey("Range"));
        Assert.Equal(clean.ToArray(), await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(["cut.mp4"], _directory.Files());
    }

    [Fact]
    public async Task A_resume_carries_If_Range_with_the_hosts_strong_ETag()
    {
        var (client, host) = Create((call, request) =>
        {
            var response = call == 1 ? Whole(failAfter: 300_000) : Ranged(request);
            response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
            return response;
        });
        using var destination = new MemoryStream();

        await Run(() => client.DownloadAsync(VideoUrl, destination, cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(destination.ToArray());
        Assert.Null(host.Requests[0].Headers.IfRange);
        Assert.Equal("\"v1\"", host.Requests[1].Headers.IfRange?.EntityTag?.Tag);
    }

    [Fact]
    public async Task A_host_that_ignores_the_Range_sends_the_whole_video_again_and_the_download_starts_over()
    {
        var (client, host) = Create((call, _) => call == 1 ? Whole(failAfter: 300_000) : Whole());
        var reports = new List<KlingDownloadProgress>();

        var path = await Run(() => client.DownloadAsync(
            VideoUrl, _directory.File("v.mp4"), new SynchronousProgress<KlingDownloadProgress>(reports.Add), TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, "bytes=300000-"], host.Requests.Select(RangeOf));
        Assert.Contains(reports.SkipWhile(report => report.BytesReceived < 300_000), report => report.BytesReceived == 0);
        Assert.Equal(Length, reports[^1].BytesReceived);
    }

    [Fact]
    public async Task A_206_that_starts_elsewhere_is_thrown_away_and_the_download_starts_over()
    {
        var (client, host) = Create((call, request) => call switch
        {
            1 => Whole(failAfter: 300_000),
            2 => Ranged(request, from: 200_000),
            _ => Whole(),
        });

        var path = await Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, "bytes=300000-", null], host.Requests.Select(RangeOf));
    }

    [Fact]
    public async Task A_host_without_Accept_Ranges_gets_no_Range_request_and_the_download_starts_over()
    {
        var (client, host) = Create((call, _) => call == 1 ? Whole(acceptRanges: false, failAfter: 300_000) : Whole(acceptRanges: false));

        var path = await Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, null], host.Requests.Select(RangeOf));
    }

    [Fact]
    public async Task A_stalled_body_times_out_after_the_attempt_timeout_and_the_download_resumes()
    {
        var (client, host) = Create(
            (call, request) => call == 1 ? Whole(stallAfter: 300_000) : Ranged(request),
            resilience => resilience.QueryAttemptTimeout = TimeSpan.FromSeconds(10));
        var started = _clock.GetUtcNow();

        var path = await Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, "bytes=300000-"], host.Requests.Select(RangeOf));
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_download_is_not_bounded_by_the_total_timeout_of_api_calls()
    {
        // Two waits of 20 s asked by the host: 40 s in all, past a 30 s TotalTimeout. Only the caller's token bounds a download.
        var (client, host) = Create(
            (call, request) => call < 3 ? Status(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20)) : Whole(),
            resilience =>
            {
                resilience.QueryAttemptTimeout = TimeSpan.FromSeconds(10);
                resilience.CreateAttemptTimeout = TimeSpan.FromSeconds(10);
                resilience.TotalTimeout = TimeSpan.FromSeconds(30);
            });
        var started = _clock.GetUtcNow();

        var path = await Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        AssertVideo(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(3, host.Requests.Count);
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromSeconds(40));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task An_expired_link_fails_at_once_without_a_retry(HttpStatusCode status)
    {
        var (client, host) = Create((_, _) => Status(status));
        var started = _clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Requests);
        Assert.Equal(started, _clock.GetUtcNow());
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task An_expired_link_after_a_cut_fails_at_once_and_leaves_nothing()
    {
        var (client, host) = Create((call, _) => call == 1 ? Whole(failAfter: 300_000) : Status(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(2, host.Requests.Count);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task When_the_retries_run_out_the_last_error_surfaces_and_nothing_is_left()
    {
        var (client, host) = Create((_, _) => Status(HttpStatusCode.BadGateway), resilience => resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, host.Requests.Count);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task Backoff_between_attempts_follows_BaseDelay_and_MaxDelay()
    {
        var (client, host) = Create(
            (call, _) => call <= 3 ? Status(HttpStatusCode.InternalServerError) : Whole(),
            resilience =>
            {
                resilience.BaseDelay = TimeSpan.FromSeconds(4);
                resilience.MaxDelay = TimeSpan.FromSeconds(5);
            });
        var started = _clock.GetUtcNow();

        await Run(() => client.DownloadAsync(VideoUrl, new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(4, host.Requests.Count);
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_Retry_After_over_the_cap_surfaces_the_error_at_once()
    {
        var (client, host) = Create((_, _) => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromHours(1)));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Canceling_during_the_backoff_stops_the_download_and_leaves_nothing()
    {
        var (client, host) = Create((_, _) => Status(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10), _clock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: cancellation.Token)));

        Assert.Single(host.Requests);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task Canceling_mid_body_is_not_retried()
    {
        using var cancellation = new CancellationTokenSource();
        var (client, host) = Create((_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new GeneratedVideoContent(Length, stallAfter: 300_000, onStall: cancellation.Cancel),
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, _directory.File("v.mp4"), cancellationToken: cancellation.Token)));

        Assert.Single(host.Requests);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_stream_download_resumes_into_the_same_stream()
    {
        var (client, host) = Create((call, request) => call == 1 ? Whole(failAfter: 300_000) : Ranged(request));
        using var destination = new MemoryStream();

        var written = await Run(() => client.DownloadAsync(VideoUrl, destination, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(Length, written);
        AssertVideo(destination.ToArray());
        Assert.Equal([null, "bytes=300000-"], host.Requests.Select(RangeOf));
    }

    [Fact]
    public async Task A_non_seekable_stream_holding_part_of_the_video_is_not_started_over()
    {
        var (client, host) = Create((call, _) => call == 1 ? Whole(acceptRanges: false, failAfter: 300_000) : Whole(acceptRanges: false));
        using var destination = new PipeLikeStream();

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() =>
            Run(() => client.DownloadAsync(VideoUrl, destination, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Contains("cannot be rewound", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Generate_retries_its_download_and_saves_the_whole_video()
    {
        using var harness = new ResilienceHarness();
        harness.Emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.Html(HttpStatusCode.BadGateway), onCall: 1);
        harness.Emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.TruncatedBody(), onCall: 2);

        var result = await harness.Run(() => harness.Client.GenerateAsync(
            ResilienceHarness.Request(), KlingOutput.File(_directory.File("cat.mp4")), cancellationToken: TestContext.Current.CancellationToken));

        using var clean = new MemoryStream();
        await harness.Run(() => harness.Client.DownloadResultsAsync(result.Task, KlingOutput.File(_directory.File("clean.mp4")), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(
            await File.ReadAllBytesAsync(_directory.File("clean.mp4"), TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(result.FilePath, TestContext.Current.CancellationToken));
        Assert.Equal(4, harness.EmulatorCalls(KlingEmulatorEndpoint.Video));
        Assert.Single(harness.Emulator.Tasks);
    }

    /// <summary>A writable stream that cannot seek, like a pipe or a network stream.</summary>
    private sealed class PipeLikeStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
