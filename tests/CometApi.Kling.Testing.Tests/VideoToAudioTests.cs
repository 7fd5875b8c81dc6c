using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The emulator's audio/video-to-audio kind (docs/kling-catalogue.md section 5.2): its own request checks, a result with
/// both the video with sound (videos[]) and the sound alone (audios[], MP3 and WAV), and the SDK's client going
/// create → wait → download through it, saving every file.
/// </summary>
public class VideoToAudioTests
{
    private const string Route = "kling/v1/audio/video-to-audio";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private async Task<RawApi.Answer> CreateAsync(string json)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };
        var answer = await api.CreateAsync(json);
        if (answer.Status != 200)
        {
            Assert.Empty(emulator.Tasks);
        }

        return answer;
    }

    private async Task AssertRefusedAsync(string json, string messagePart)
    {
        var answer = await CreateAsync(json);
        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulator_serves_the_video_to_audio_route()
    {
        Assert.Contains("audio/video-to-audio", KlingEmulator.Routes);
    }

    [Theory]
    [InlineData("""{"video_id":"862345789012345678"}""")]
    [InlineData("""{"video_url":"https://cdn.example.com/surf.mp4","sound_effect_prompt":"waves","bgm_prompt":"ukulele","asmr_mode":true}""")]
    [InlineData("""{"video_url":"http://cdn.example.com/surf.mov","asmr_mode":false,"callback_url":"https://example.com/hook","external_task_id":"o-1"}""")]
    public async Task Video_to_audio_accepts_a_video_id_or_a_video_url_with_the_optional_fields(string json)
    {
        var answer = await CreateAsync(json);

        Assert.True(answer.Status == 200, answer.Text);
    }

    [Fact]
    public async Task Video_to_audio_refuses_a_body_without_a_video_naming_both_fields()
    {
        await AssertRefusedAsync("""{"sound_effect_prompt":"waves"}""", "video_id or video_url is required");
    }

    [Fact]
    public async Task Video_to_audio_refuses_both_a_video_id_and_a_video_url()
    {
        await AssertRefusedAsync("""{"video_id":"1","video_url":"https://cdn.example.com/surf.mp4"}""", "mutually exclusive");
    }

    [Theory]
    [InlineData("""{"video_url":"/home/me/surf.mp4"}""")]
    [InlineData("""{"video_url":"AAAAIGZ0eXBpc29t"}""")]
    [InlineData("""{"video_url":"ftp://example.com/surf.mp4"}""")]
    public async Task Video_to_audio_refuses_a_video_url_that_is_not_an_http_url(string json)
    {
        await AssertRefusedAsync(json, "invalid video_url");
    }

    [Fact]
    public async Task Video_to_audio_refuses_an_empty_video_id()
    {
        await AssertRefusedAsync("""{"video_id":" "}""", "invalid video_id");
    }

    [Theory]
    [InlineData("sound_effect_prompt")]
    [InlineData("bgm_prompt")]
    public async Task Video_to_audio_refuses_a_prompt_over_200_characters(string field)
    {
        var body = new JsonObject { ["video_id"] = "1", [field] = new string('a', 201) };

        await AssertRefusedAsync(body.ToJsonString(), $"invalid {field}: 201 characters");
    }

    [Fact]
    public async Task Video_to_audio_refuses_an_asmr_mode_that_is_not_a_boolean()
    {
        await AssertRefusedAsync("""{"video_id":"1","asmr_mode":"true"}""", "invalid asmr_mode");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_video_to_audio_task_succeeds_with_the_video_and_the_audio_each_serving_real_files(bool overSocket)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);
        var id = (await api.CreateAsync("""{"video_url":"https://cdn.example.com/surf.mp4"}""")).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);

        Assert.Equal("succeed", done.TaskStatus);
        var result = done.Data.GetProperty("task_result");
        var video = Assert.Single(result.GetProperty("videos").EnumerateArray());
        var audio = Assert.Single(result.GetProperty("audios").EnumerateArray());
        using var download = door.Download();
        MediaAssert.Mp4(await download.GetByteArrayAsync(video.GetProperty("url").GetString(), ct));
        MediaAssert.Mp3(await download.GetByteArrayAsync(audio.GetProperty("url_mp3").GetString(), ct));
        MediaAssert.Wav(await download.GetByteArrayAsync(audio.GetProperty("url_wav").GetString(), ct));
    }

    [Fact]
    public async Task A_risky_sound_effect_prompt_ends_the_task_failed_with_no_result()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };
        var id = (await api.CreateAsync("""{"video_id":"1","sound_effect_prompt":"something risky"}""")).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);

        Assert.Equal("failed", done.TaskStatus);
        Assert.Empty(done.Data.GetProperty("task_result").EnumerateObject());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_client_creates_waits_and_downloads_a_video_to_audio_task_saving_the_video_the_mp3_and_the_wav(bool overSocket)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(60) };
        await using var server = overSocket ? await KlingEmulator.StartServerAsync(options, cancellationToken: ct) : null;
        using var inProcess = overSocket ? null : new KlingEmulator(options);
        var client = server?.CreateClient() ?? inProcess!.CreateClient();
        var folder = Directory.CreateTempSubdirectory("kling-v2a-").FullName;
        try
        {
            var result = await client.GenerateAsync(
                new VideoToAudioRequest { VideoId = "862345789012345678", SoundEffectPrompt = "waves", AsmrMode = true },
                KlingOutput.Folder(folder),
                new KlingGenerateOptions { Wait = { FirstPollDelay = TimeSpan.FromMilliseconds(10), MinPollInterval = TimeSpan.FromMilliseconds(10), MaxPollInterval = TimeSpan.FromMilliseconds(50) } },
                cancellationToken: ct);

            // One video and one audio (in two formats): each named after the task, in its own format.
            var id = result.Task.Data.TaskId;
            Assert.Equal(KlingTaskKind.VideoToAudio, result.Task.Data.Kind);
            Assert.Equal([id + ".mp4", id + ".mp3", id + ".wav"], result.Files.Select(Path.GetFileName));
            Assert.All(result.Files, file => Assert.Equal(folder, Path.GetDirectoryName(file)));
            MediaAssert.Mp4(await File.ReadAllBytesAsync(result.Files[0], ct));
            MediaAssert.Mp3(await File.ReadAllBytesAsync(result.Files[1], ct));
            MediaAssert.Wav(await File.ReadAllBytesAsync(result.Files[2], ct));
            Assert.Single(result.Task.Data.TaskResult!.Videos);
            Assert.Single(result.Task.Data.TaskResult.Audios);
            var sent = (server?.Emulator ?? inProcess!).Requests.First(request => request.Endpoint == KlingEmulatorEndpoint.Create);
            Assert.Equal("audio/video-to-audio", sent.Route);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_video_to_audio_task_downloaded_to_a_file_target_saves_the_file_its_extension_names()
    {
        var ct = TestContext.Current.CancellationToken;
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var created = await client.CreateVideoToAudioAsync(new VideoToAudioRequest { VideoUrl = new Uri("https://cdn.example.com/surf.mp4") }, ct);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await client.GetTaskAsync(KlingTaskKind.VideoToAudio, created.Data.TaskId, ct);
        var folder = Directory.CreateTempSubdirectory("kling-v2a-").FullName;
        try
        {
            var video = await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder, "surf.mp4")), cancellationToken: ct);
            var mp3 = await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder, "surf.mp3")), cancellationToken: ct);

            Assert.Equal([Path.Combine(folder, "surf.mp4")], video);
            Assert.Equal([Path.Combine(folder, "surf.mp3")], mp3);
            MediaAssert.Mp4(await File.ReadAllBytesAsync(video[0], ct));
            MediaAssert.Mp3(await File.ReadAllBytesAsync(mp3[0], ct));
            Assert.Equal(["surf.mp3", "surf.mp4"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
