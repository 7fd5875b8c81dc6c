using System.Net;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Download;

/// <summary>
/// <see cref="KlingClient.DownloadResultsAsync"/>: every file of a succeeded task (videos, images, each audio format),
/// named after the path given (one file: the path itself; a folder: <c>&lt;task id&gt;[-n].&lt;ext&gt;</c>; several
/// files and a file path: <c>&lt;stem&gt;-n.&lt;ext&gt;</c> beside it), and the refusals of a task with nothing to save.
/// </summary>
public sealed class DownloadResultsTests : IDisposable
{
    private const string TaskId = "t2v-123";

    private readonly TempDirectory _directory = new();
    private readonly CapturingHandler _handler;
    private readonly KlingClient _client;

    public DownloadResultsTests()
    {
        _handler = new CapturingHandler(request => request.RequestUri!.Host == KindApi.Cdn
            ? KindApi.File(request.RequestUri)
            : new HttpResponseMessage(HttpStatusCode.NotFound));
        _client = KindApi.Client(_handler);
    }

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TaskResponse Succeeded(string result, string taskId = TaskId) => KindApi.Parse(KindApi.Task(taskId, "succeed", result));

    private static string Cdn(string path) => $"https://{KindApi.Cdn}/{path}";

    private static void AssertSavedFrom(string file, string url) =>
        Assert.Equal(KindApi.FileBytes(new Uri(url)), File.ReadAllBytes(file));

    [Fact]
    public async Task One_video_is_saved_at_the_given_path()
    {
        var target = _directory.File("fox.mp4");

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4?sig=abc"))), target, cancellationToken: Token);

        Assert.Equal([Path.GetFullPath(target)], files);
        AssertSavedFrom(target, Cdn("v/1.mp4"));
        Assert.Equal(["fox.mp4"], _directory.Files());
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal(Cdn("v/1.mp4?sig=abc"), sent.Uri.AbsoluteUri);
        Assert.Null(sent.Headers.Authorization);
    }

    [Fact]
    public async Task One_video_into_a_folder_path_ending_with_a_slash_is_named_after_the_task()
    {
        var folder = _directory.File("out") + "/";

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), folder, cancellationToken: Token);

        Assert.Equal([Path.GetFullPath(Path.Combine(folder, TaskId + ".mp4"))], files);
        Assert.Equal([Path.Combine("out", TaskId + ".mp4")], _directory.Files());
    }

    [Fact]
    public async Task Three_images_into_a_folder_path_ending_with_a_slash_are_task_id_dash_n_png()
    {
        var folder = _directory.File("images") + "/";
        var urls = new[] { Cdn("i/a.png"), Cdn("i/b.png"), Cdn("i/c.png") };

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Images(urls)), folder, cancellationToken: Token);

        var expected = Enumerable.Range(1, 3).Select(n => Path.GetFullPath(Path.Combine(folder, $"{TaskId}-{n}.png"))).ToArray();
        Assert.Equal(expected, files);
        for (var i = 0; i < 3; i++)
        {
            AssertSavedFrom(expected[i], urls[i]);
        }

        Assert.Equal(urls, _handler.Requests.Select(sent => sent.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task Three_images_into_an_existing_folder_without_a_trailing_slash_are_task_id_dash_n_png()
    {
        var folder = Directory.CreateDirectory(_directory.File("existing")).FullName;

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Images(Cdn("i/a.png"), Cdn("i/b.png"), Cdn("i/c.png"))), folder, cancellationToken: Token);

        Assert.Equal(Enumerable.Range(1, 3).Select(n => Path.Combine(folder, $"{TaskId}-{n}.png")), files);
    }

    [Fact]
    public async Task Three_images_given_a_file_path_are_saved_beside_it_as_stem_dash_n_png()
    {
        var target = _directory.File("fox.png");
        var urls = new[] { Cdn("i/a.png"), Cdn("i/b.png"), Cdn("i/c.png") };

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Images(urls)), target, cancellationToken: Token);

        Assert.Equal(["fox-1.png", "fox-2.png", "fox-3.png"], files.Select(Path.GetFileName));
        Assert.All(files, file => Assert.Equal(_directory.Path, Path.GetDirectoryName(file)));
        Assert.Equal(["fox-1.png", "fox-2.png", "fox-3.png"], _directory.Files());
        AssertSavedFrom(files[2], urls[2]);
    }

    [Fact]
    public async Task An_audio_with_mp3_and_wav_links_is_saved_in_both_formats()
    {
        var audio = "\"audios\":[{\"id\":\"a-1\",\"url_mp3\":\"" + Cdn("a/1.mp3") + "\",\"url_wav\":\"" + Cdn("a/1.wav") + "\",\"duration_mp3\":\"5.04\",\"duration_wav\":\"5.04\"}]";
        var target = _directory.File("out.mp3");

        var files = await _client.DownloadResultsAsync(Succeeded(audio), target, cancellationToken: Token);

        Assert.Equal([_directory.File("out.mp3"), _directory.File("out.wav")], files);
        Assert.Equal(["out.mp3", "out.wav"], _directory.Files());
        AssertSavedFrom(files[0], Cdn("a/1.mp3"));
        AssertSavedFrom(files[1], Cdn("a/1.wav"));
    }

    [Fact]
    public async Task Videos_come_before_images_and_are_numbered_across_the_task()
    {
        var result = KindApi.Videos(Cdn("v/1.mp4")) + "," + KindApi.Images(Cdn("i/a.png"));
        var target = _directory.File("all.mp4");

        var files = await _client.DownloadResultsAsync(Succeeded(result), target, cancellationToken: Token);

        Assert.Equal(["all-1.mp4", "all-2.png"], files.Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("submitted")]
    [InlineData("processing")]
    public async Task A_task_that_has_not_succeeded_is_an_ArgumentException_and_nothing_is_fetched(string status)
    {
        var task = KindApi.Parse(KindApi.Task(TaskId, status));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.DownloadResultsAsync(task, _directory.File("fox.mp4"), cancellationToken: Token));

        Assert.Equal("task", error.ParamName);
        Assert.Contains(status, error.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_failed_task_is_a_KlingTaskFailedException_and_nothing_is_fetched()
    {
        var task = KindApi.Parse(KindApi.Task(TaskId, "failed", extra: ",\"task_status_msg\":\"content risk control\""));

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => _client.DownloadResultsAsync(task, _directory.File("fox.mp4"), cancellationToken: Token));

        Assert.Equal(TaskId, error.LastKnownTask!.Data.TaskId);
        Assert.Equal("content risk control", error.LastKnownTask.Data.TaskStatusMessage);
        Assert.Same(task, error.LastKnownTask);
        Assert.Null(error.Task); // The task does not say its kind (parsed by hand), so there is no handle to resume with.
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task A_succeeded_task_without_any_file_url_is_an_ArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.DownloadResultsAsync(Succeeded(string.Empty), _directory.File("fox.mp4"), cancellationToken: Token));

        Assert.Equal("task", error.ParamName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task A_blank_path_is_refused_before_anything_is_fetched()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), " ", cancellationToken: Token));

        Assert.Equal("path", error.ParamName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task An_expired_link_is_a_KlingDownloadException_with_nothing_left_behind()
    {
        var handler = new CapturingHandler(_ => new HttpResponseMessage(HttpStatusCode.Forbidden));
        var client = KindApi.Client(handler);

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), _directory.File("fox.mp4"), cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Null(error.Task);
        Assert.Empty(_directory.Files());
    }
}
