using System.Net;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Download;

/// <summary>
/// <see cref="KlingClient.DownloadResultsAsync"/>: every file of a succeeded task (videos, images, each audio format, a
/// video-to-audio video in either layout) into a folder as <c>&lt;task id&gt;[-n].&lt;ext&gt;</c>, or the one file a file
/// target takes; and the refusals, before anything is fetched, of a target that does not fit and of a task with nothing to save.
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

    /// <summary>
    /// A video-to-audio result in the documented layout (<c>videos[]</c> beside <c>audios[]</c>) or in the one Kling's own
    /// client code reads (<c>video_id</c>, <c>video_url</c> and <c>audio_id</c> inside each <c>audios[]</c> item).
    /// </summary>
    private static string VideoToAudio(string layout) => layout == "separate"
        ? "\"videos\":[{\"id\":\"v-1\",\"url\":\"" + Cdn("v/1.mp4") + "\"}]," + Mp3AndWav()
        : "\"audios\":[{\"video_id\":\"v-1\",\"video_url\":\"" + Cdn("v/1.mp4") + "\",\"audio_id\":\"a-1\",\"url_mp3\":\"" + Cdn("a/1.mp3")
            + "\",\"url_wav\":\"" + Cdn("a/1.wav") + "\"}]";

    private static string Mp3AndWav() =>
        "\"audios\":[{\"id\":\"a-1\",\"url_mp3\":\"" + Cdn("a/1.mp3") + "\",\"url_wav\":\"" + Cdn("a/1.wav") + "\",\"duration_mp3\":\"5.04\",\"duration_wav\":\"5.04\"}]";

    [Fact]
    public async Task One_video_is_saved_at_the_given_file_path()
    {
        var target = _directory.File("fox.mp4");

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4?sig=abc"))), KlingOutput.File(target), cancellationToken: Token);

        Assert.Equal([Path.GetFullPath(target)], files);
        AssertSavedFrom(target, Cdn("v/1.mp4"));
        Assert.Equal(["fox.mp4"], _directory.Files());
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal(Cdn("v/1.mp4?sig=abc"), sent.Uri.AbsoluteUri);
        Assert.Null(sent.Headers.Authorization);
    }

    [Fact]
    public async Task One_file_is_saved_at_a_file_path_whatever_its_extension()
    {
        var target = _directory.File("clip");

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), KlingOutput.File(target), cancellationToken: Token);

        Assert.Equal([target], files);
        Assert.Equal(["clip"], _directory.Files());
    }

    [Fact]
    public async Task One_video_into_a_missing_folder_creates_it_and_is_named_after_the_task()
    {
        var folder = _directory.File("out");

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), KlingOutput.Folder(folder), cancellationToken: Token);

        Assert.Equal([Path.Combine(folder, TaskId + ".mp4")], files);
        Assert.Equal([Path.Combine("out", TaskId + ".mp4")], _directory.Files());
    }

    [Fact]
    public async Task Three_images_into_a_folder_are_task_id_dash_n_png()
    {
        var folder = _directory.File("images");
        var urls = new[] { Cdn("i/a.png"), Cdn("i/b.png"), Cdn("i/c.png") };

        var files = await _client.DownloadResultsAsync(Succeeded(KindApi.Images(urls)), KlingOutput.Folder(folder), cancellationToken: Token);

        var expected = Enumerable.Range(1, 3).Select(n => Path.Combine(folder, $"{TaskId}-{n}.png")).ToArray();
        Assert.Equal(expected, files);
        for (var i = 0; i < 3; i++)
        {
            AssertSavedFrom(expected[i], urls[i]);
        }

        Assert.Equal(urls, _handler.Requests.Select(sent => sent.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task A_file_target_that_is_an_existing_folder_is_refused_and_nothing_is_fetched()
    {
        var folder = Directory.CreateDirectory(_directory.File("existing")).FullName;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), KlingOutput.File(folder), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Contains("KlingOutput.Folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_folder_target_that_is_an_existing_file_is_refused_and_nothing_is_fetched()
    {
        var file = _directory.File("taken");
        File.WriteAllText(file, "mine");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), KlingOutput.Folder(file), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Empty(_handler.Requests);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public async Task Three_images_given_a_file_target_are_refused_before_anything_is_fetched()
    {
        var target = _directory.File("fox.png");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _client.DownloadResultsAsync(Succeeded(KindApi.Images(Cdn("i/a.png"), Cdn("i/b.png"), Cdn("i/c.png"))), KlingOutput.File(target), cancellationToken: Token));

        Assert.Equal("output", error.ParamName);
        Assert.Contains("3 files", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingOutput.Folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
        Assert.Empty(_directory.Files());
    }

    [Theory]
    [InlineData("rain.mp3", "a/1.mp3")]
    [InlineData("rain.wav", "a/1.wav")]
    public async Task An_audio_in_mp3_and_wav_given_a_file_target_saves_the_format_its_extension_names(string name, string expectedSource)
    {
        var target = _directory.File(name);

        var files = await _client.DownloadResultsAsync(Succeeded(Mp3AndWav()), KlingOutput.File(target), cancellationToken: Token);

        Assert.Equal([target], files);
        Assert.Equal([name], _directory.Files());
        AssertSavedFrom(target, Cdn(expectedSource));
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData("rain")]
    [InlineData("rain.ogg")]
    public async Task An_audio_in_mp3_and_wav_given_a_file_target_whose_extension_picks_neither_is_refused(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _client.DownloadResultsAsync(Succeeded(Mp3AndWav()), KlingOutput.File(_directory.File(name)), cancellationToken: Token));

        Assert.Contains(".mp3, .wav", error.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task An_audio_with_mp3_and_wav_links_is_saved_in_both_formats_into_a_folder()
    {
        var folder = _directory.File("out");

        var files = await _client.DownloadResultsAsync(Succeeded(Mp3AndWav()), KlingOutput.Folder(folder), cancellationToken: Token);

        Assert.Equal([Path.Combine(folder, TaskId + ".mp3"), Path.Combine(folder, TaskId + ".wav")], files);
        AssertSavedFrom(files[0], Cdn("a/1.mp3"));
        AssertSavedFrom(files[1], Cdn("a/1.wav"));
    }

    [Theory]
    [InlineData("separate")]
    [InlineData("inside")]
    public async Task Video_to_audio_saves_the_video_and_both_audio_formats_once_in_either_layout(string layout)
    {
        var files = await _client.DownloadResultsAsync(Succeeded(VideoToAudio(layout)), KlingOutput.Folder(_directory.Path), cancellationToken: Token);

        Assert.Equal([TaskId + ".mp4", TaskId + ".mp3", TaskId + ".wav"], files.Select(Path.GetFileName));
        AssertSavedFrom(files[0], Cdn("v/1.mp4"));
        AssertSavedFrom(files[2], Cdn("a/1.wav"));
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task Video_to_audio_listing_its_video_in_both_places_saves_it_once()
    {
        var result = "\"videos\":[{\"id\":\"v-1\",\"url\":\"" + Cdn("v/1.mp4") + "\"}],\"audios\":[{\"video_id\":\"v-1\",\"video_url\":\"" + Cdn("v/1.mp4?copy")
            + "\",\"url_mp3\":\"" + Cdn("a/1.mp3") + "\"}]";

        var files = await _client.DownloadResultsAsync(Succeeded(result), KlingOutput.Folder(_directory.Path), cancellationToken: Token);

        Assert.Equal([TaskId + ".mp4", TaskId + ".mp3"], files.Select(Path.GetFileName));
        Assert.Equal([Cdn("v/1.mp4"), Cdn("a/1.mp3")], _handler.Requests.Select(sent => sent.Uri.AbsoluteUri));
    }

    [Theory]
    [InlineData("separate", "surf.mp4", "v/1.mp4")]
    [InlineData("separate", "surf.wav", "a/1.wav")]
    [InlineData("inside", "surf.mp4", "v/1.mp4")]
    [InlineData("inside", "surf.mp3", "a/1.mp3")]
    public async Task Video_to_audio_given_a_file_target_saves_the_file_its_extension_names_in_either_layout(string layout, string name, string expectedSource)
    {
        var target = _directory.File(name);

        var files = await _client.DownloadResultsAsync(Succeeded(VideoToAudio(layout)), KlingOutput.File(target), cancellationToken: Token);

        Assert.Equal([target], files);
        AssertSavedFrom(target, Cdn(expectedSource));
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Videos_and_images_of_one_task_are_numbered_per_media_in_a_folder()
    {
        var result = KindApi.Videos(Cdn("v/1.mp4"), Cdn("v/2.mp4")) + "," + KindApi.Images(Cdn("i/a.jpg"));

        var files = await _client.DownloadResultsAsync(Succeeded(result), KlingOutput.Folder(_directory.Path), cancellationToken: Token);

        Assert.Equal([TaskId + "-1.mp4", TaskId + "-2.mp4", TaskId + ".jpg"], files.Select(Path.GetFileName));
    }

    [Fact]
    public async Task Progress_says_which_file_of_how_many_and_where_each_goes()
    {
        var reports = new List<KlingDownloadProgress>();
        var folder = _directory.File("images");

        var files = await _client.DownloadResultsAsync(
            Succeeded(KindApi.Images(Cdn("i/a.png"), Cdn("i/b.png"))), KlingOutput.Folder(folder), new SynchronousProgress<KlingDownloadProgress>(reports.Add), Token);

        Assert.Equal([1, 2], reports.Select(report => report.FileIndex).Distinct());
        Assert.All(reports, report => Assert.Equal(2, report.FileCount));
        Assert.Equal(files, reports.Select(report => report.FilePath).Distinct());
        var lastOfFirst = reports.Last(report => report.FileIndex == 1);
        Assert.Equal(KindApi.FileBytes(new Uri(Cdn("i/a.png"))).Length, lastOfFirst.BytesReceived);
        Assert.Equal(0, reports.First(report => report.FileIndex == 2).BytesReceived);
    }

    [Theory]
    [InlineData("submitted")]
    [InlineData("processing")]
    public async Task A_task_that_has_not_succeeded_is_an_ArgumentException_and_nothing_is_fetched(string status)
    {
        var task = KindApi.Parse(KindApi.Task(TaskId, status));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.DownloadResultsAsync(task, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal("task", error.ParamName);
        Assert.Contains(status, error.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_failed_task_is_a_KlingTaskFailedException_and_nothing_is_fetched()
    {
        var task = KindApi.Parse(KindApi.Task(TaskId, "failed", extra: ",\"task_status_msg\":\"content risk control\""));

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => _client.DownloadResultsAsync(task, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal(TaskId, error.LastKnownTask!.Data.TaskId);
        Assert.Equal("content risk control", error.LastKnownTask.Data.TaskStatusMessage);
        Assert.Same(task, error.LastKnownTask);
        Assert.Null(error.Task); // The task does not say its kind (parsed by hand), so there is no handle to resume with.
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task A_succeeded_task_without_any_file_url_is_an_ArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.DownloadResultsAsync(Succeeded(string.Empty), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal("task", error.ParamName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task A_missing_output_is_refused_before_anything_is_fetched()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("output", () => _client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), null!, cancellationToken: Token));

        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task An_expired_link_is_a_KlingDownloadException_with_nothing_left_behind()
    {
        var handler = new CapturingHandler(_ => new HttpResponseMessage(HttpStatusCode.Forbidden));
        var client = KindApi.Client(handler);

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadResultsAsync(Succeeded(KindApi.Videos(Cdn("v/1.mp4"))), KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Null(error.Task);
        Assert.Empty(_directory.Files());
    }
}
