using System.Net;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests;

/// <summary>
/// <see cref="KlingClient.GenerateAsync"/> for any kind: create → wait → download in one call, against a scripted API in
/// virtual time, each step under the request's own route.
/// </summary>
public sealed class GenerateAsyncTests : IDisposable
{
    private const string TaskId = "2032273942220931072";
    private const string VideoUrl = "https://cdn.example.com/t2v/fox.mp4?sig=s";

    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TextToVideoRequest TextRequest() => new()
    {
        Prompt = "A red fox runs through fresh snow at dawn",
        AspectRatio = KlingAspectRatio.Square1x1,
        Duration = KlingDuration.Five,
    };

    /// <summary>Creates answer <see cref="Responses.Created"/>; queries answer the next scripted status; the CDN serves files.</summary>
    private (KlingClient Client, CapturingHandler Handler) Create(params string[] statuses)
    {
        var queue = new Queue<string>(statuses);
        var handler = new CapturingHandler(request => request switch
        {
            { RequestUri.Host: KindApi.Cdn } => KindApi.File(request.RequestUri!),
            { Method.Method: "POST" } => KindApi.Json(Responses.Created),
            _ => KindApi.Json(queue.Count > 1 ? queue.Dequeue() : queue.Peek()),
        });
        return (KindApi.Client(handler, _clock), handler);
    }

    [Fact]
    public async Task GenerateAsync_creates_waits_for_and_downloads_a_text2video_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "processing"), KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));
        var target = _directory.File("fox.mp4");
        var seen = new List<TaskResponse>();

        var result = await _clock.RunAsync(() => client.GenerateAsync(
            TextRequest(),
            KlingOutput.File(target),
            new KlingGenerateOptions { Wait = { Progress = new SynchronousProgress<TaskResponse>(seen.Add) } },
            cancellationToken: Token));

        Assert.Equal(TaskId, result.Task.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, result.Task.Data.Kind);
        Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus);
        Assert.Equal([Path.GetFullPath(target)], result.Files);
        Assert.Equal(result.Files[0], result.FilePath);
        Assert.Equal(KindApi.FileBytes(new Uri(VideoUrl)), File.ReadAllBytes(target));
        Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], seen.Select(task => task.Data.TaskStatus));
        Assert.All(seen, task => Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind));
        Assert.Equal(
            [
                $"POST /kling/v1/videos/text2video",
                $"GET /kling/v1/videos/text2video/{TaskId}",
                $"GET /kling/v1/videos/text2video/{TaskId}",
                "GET /t2v/fox.mp4",
            ],
            handler.Requests.Select(sent => $"{sent.Method} {sent.Uri.AbsolutePath}"));

        var body = JsonNode.Parse(handler.Requests[0].Body!)!;
        Assert.Equal("1:1", (string?)body["aspect_ratio"]);
        Assert.Equal("5", (string?)body["duration"]);
        Assert.StartsWith("kling-", (string?)body["external_task_id"], StringComparison.Ordinal);
        Assert.Null(handler.Requests[^1].Headers.Authorization);
    }

    [Fact]
    public async Task GenerateAsync_of_a_text2video_request_runs_against_the_emulator()
    {
        using var emulator = new CometApi.Kling.Testing.KlingEmulator(new CometApi.Kling.Testing.KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var target = _directory.File("emulated.mp4");

        var result = await _clock.RunAsync(() => client.GenerateAsync(TextRequest(), KlingOutput.File(target), cancellationToken: Token));

        Assert.Equal(KlingTaskKind.TextToVideo, result.Task.Data.Kind);
        Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus);
        Assert.True(new FileInfo(target).Length > 0);
        var task = Assert.Single(emulator.Tasks);
        Assert.Equal(result.Task.Data.TaskId, task.TaskId);
        Assert.Equal("videos/text2video", task.Route);
    }

    [Fact]
    public async Task GenerateAsync_takes_any_kind_and_routes_an_image2video_request_under_image2video()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));
        KlingTaskRequest request = new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = "the cat turns" };

        var result = await _clock.RunAsync(() => client.GenerateAsync(request, KlingOutput.File(_directory.File("cat.mp4")), cancellationToken: Token));

        Assert.Equal(KlingTaskKind.ImageToVideo, result.Task.Data.Kind);
        Assert.Equal(
            ["/kling/v1/videos/image2video", $"/kling/v1/videos/image2video/{TaskId}", "/t2v/fox.mp4"],
            handler.Requests.Select(sent => sent.Uri.AbsolutePath));
    }

    [Fact]
    public async Task GenerateAsync_into_a_folder_saves_the_video_as_the_task_id()
    {
        var (client, _) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));
        var folder = _directory.File("videos");

        var result = await _clock.RunAsync(() => client.GenerateAsync(TextRequest(), KlingOutput.Folder(folder), cancellationToken: Token));

        Assert.Equal(Path.Combine(folder, TaskId + ".mp4"), result.FilePath);
        Assert.True(File.Exists(result.FilePath));
    }

    [Fact]
    public async Task GenerateAsync_validates_a_text2video_request_before_creating_a_paid_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.GenerateAsync(
            new TextToVideoRequest { Prompt = new string('a', 501) }, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal("prompt", Assert.Single(error.Errors).Path);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_checks_the_path_and_the_wait_options_before_creating_a_paid_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));

        var path = await Assert.ThrowsAsync<ArgumentNullException>(() => client.GenerateAsync(TextRequest(), null!, cancellationToken: Token));
        var options = await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateAsync(
            TextRequest(), KlingOutput.File(_directory.File("fox.mp4")), new KlingGenerateOptions { Wait = { MinPollInterval = TimeSpan.Zero } }, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GenerateAsync(null!, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal("output", path.ParamName);
        Assert.Equal("options", options.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_of_a_failed_text2video_task_throws_KlingTaskFailedException_with_the_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "failed", extra: ",\"task_status_msg\":\"content risk control\""));

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(TextRequest(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.Equal(TaskId, error.LastKnownTask!.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, error.LastKnownTask.Data.Kind);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), error.Task);
        Assert.False(error.IsRetryable);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task GenerateAsync_of_a_succeeded_task_without_a_file_url_throws_KlingDownloadException_with_the_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed"));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(TextRequest(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.NotNull(error.LastKnownTask);
        Assert.Equal(TaskId, error.LastKnownTask.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, error.LastKnownTask.Data.Kind);
        Assert.False(error.IsRetryable);
        Assert.Null(error.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GenerateAsync_of_an_ambiguous_create_throws_before_waiting_and_sends_no_query_by_id()
    {
        var handler = new CapturingHandler(request => request.Method == HttpMethod.Post
            ? KindApi.Json("""{"code":5001,"message":"busy","request_id":"r"}""", HttpStatusCode.ServiceUnavailable)
            : KindApi.Json("""{"code":1203,"message":"task not found","request_id":"r"}""", HttpStatusCode.NotFound));
        var client = KindApi.Client(handler, _clock, options => options.Resilience.MaxRetryAttempts = 1);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(TextRequest(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.Equal(KlingTaskKind.TextToVideo, error.Task!.Kind);
        Assert.All(handler.Requests.Where(sent => sent.Method == HttpMethod.Get), sent => Assert.Equal("/kling/v1/videos/text2video", sent.Uri.AbsolutePath));
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task GenerateAsync_refuses_a_file_target_for_three_images_before_creating_a_paid_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateAsync(
            new ImageGenerationRequest { Prompt = "a lighthouse", ImageCount = 3 }, KlingOutput.File(_directory.File("light.png")), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Contains("image-generation", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingOutput.Folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("text-to-audio", "rain")]
    [InlineData("text-to-audio", "rain.mp4")]
    [InlineData("video-to-audio", "surf.png")]
    public async Task GenerateAsync_refuses_a_file_target_whose_extension_picks_no_single_file_before_creating_a_paid_task(string kind, string name)
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed"));
        KlingTaskRequest request = kind == "text-to-audio"
            ? new TextToAudioRequest { Prompt = "rain on a tin roof", Duration = TimeSpan.FromSeconds(5) }
            : new VideoToAudioRequest { VideoUrl = new Uri("https://example.com/surf.mp4") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateAsync(request, KlingOutput.File(_directory.File(name)), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_refuses_a_file_target_that_is_an_existing_folder_before_creating_a_paid_task()
    {
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl)));
        var folder = Directory.CreateDirectory(_directory.File("fox.mp4")).FullName;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateAsync(TextRequest(), KlingOutput.File(folder), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_of_text_to_audio_to_a_wav_file_saves_the_wav()
    {
        var audio = "\"audios\":[{\"id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a/1.mp3\",\"url_wav\":\"https://cdn.example.com/a/1.wav\"}]";
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", audio));
        var target = _directory.File("rain.wav");

        var result = await _clock.RunAsync(() => client.GenerateAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(5) }, KlingOutput.File(target), cancellationToken: Token));

        Assert.Equal([target], result.Files);
        Assert.Equal(KindApi.FileBytes(new Uri("https://cdn.example.com/a/1.wav")), File.ReadAllBytes(target));
        Assert.Equal("/a/1.wav", handler.Requests[^1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task GenerateAsync_whose_result_does_not_fit_the_file_target_downloads_nothing_and_hands_back_the_task()
    {
        // A compatible host answered two videos where one was asked for: known only once the task succeeded.
        var (client, handler) = Create(KindApi.Task(TaskId, "succeed", KindApi.Videos(VideoUrl, "https://cdn.example.com/t2v/fox-2.mp4")));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(TextRequest(), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.Equal(TaskId, error.LastKnownTask!.Data.TaskId);
        Assert.False(error.IsRetryable);
        Assert.Contains("nothing was downloaded", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.DoesNotContain(handler.Requests, sent => sent.Uri.Host == KindApi.Cdn);
        Assert.Empty(_directory.Files());

        var files = await client.DownloadResultsAsync(error.LastKnownTask!, KlingOutput.Folder(_directory.Path), cancellationToken: Token);
        Assert.Equal([TaskId + "-1.mp4", TaskId + "-2.mp4"], files.Select(Path.GetFileName));
    }

    [Fact]
    public async Task GenerateAsync_reports_the_wait_and_each_file_of_how_many_through_its_options()
    {
        var (client, _) = Create(KindApi.Task(TaskId, "succeed", KindApi.Images("https://cdn.example.com/i/a.png", "https://cdn.example.com/i/b.png")));
        var statuses = new List<KlingTaskStatus>();
        var downloads = new List<KlingDownloadProgress>();
        var options = new KlingGenerateOptions
        {
            Wait = { Progress = new SynchronousProgress<TaskResponse>(task => statuses.Add(task.Data.TaskStatus)) },
            DownloadProgress = new SynchronousProgress<KlingDownloadProgress>(downloads.Add),
        };

        var result = await _clock.RunAsync(() => client.GenerateAsync(
            new ImageGenerationRequest { Prompt = "a lighthouse", ImageCount = 2 }, KlingOutput.Folder(_directory.File("out")), options, Token));

        Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Succeeded], statuses);
        Assert.Equal([(1, 2, result.Files[0]), (2, 2, result.Files[1])], downloads.Select(report => (report.FileIndex, report.FileCount, report.FilePath)).Distinct());
    }

    [Fact]
    public void KlingGenerateOptions_never_holds_null_wait_options()
    {
        var options = new KlingGenerateOptions();

        Assert.NotNull(options.Wait);
        Assert.Null(options.DownloadProgress);
        Assert.Throws<ArgumentNullException>(() => options.Wait = null!);
    }
}
