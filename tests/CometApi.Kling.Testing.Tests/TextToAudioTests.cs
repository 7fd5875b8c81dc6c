using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The emulator's audio/text-to-audio kind (docs/kling-catalogue.md section 5.1): its own request checks (1201 refusals
/// that make no task), the result as audios[] in MP3 and WAV, and the SDK's client going create → wait → download
/// through it, in-process and over loopback.
/// </summary>
public class TextToAudioTests
{
    private const string Route = "kling/v1/audio/text-to-audio";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static JsonObject Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["prompt"] = "rain on a tin roof", ["duration"] = 5 };
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                body.Remove(name);
            }
            else
            {
                body[name] = value;
            }
        }

        return body;
    }

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

    private async Task AssertRefusedAsync(JsonObject body, string messagePart)
    {
        var answer = await CreateAsync(body.ToJsonString());
        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulator_serves_the_text_to_audio_route()
    {
        Assert.Contains("audio/text-to-audio", KlingEmulator.Routes);
    }

    [Theory]
    [InlineData("""{"prompt":"rain on a tin roof","duration":5,"callback_url":"https://example.com/hook","external_task_id":"order-1"}""")]
    [InlineData("""{"prompt":"rain","duration":3}""")]
    [InlineData("""{"prompt":"rain","duration":10.0}""")]
    [InlineData("""{"prompt":"rain","duration":7.5,"some_future_field":1}""")]
    public async Task Text_to_audio_accepts_a_prompt_and_a_duration_of_3_to_10_seconds(string json)
    {
        var answer = await CreateAsync(json);

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("submitted", answer.TaskStatus);
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_missing_or_empty_prompt()
    {
        await AssertRefusedAsync(Body(("prompt", null)), "prompt is required");
        await AssertRefusedAsync(Body(("prompt", "")), "invalid prompt");
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_prompt_over_200_characters()
    {
        await AssertRefusedAsync(Body(("prompt", new string('a', 201))), "201 characters, the limit is 200");
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_missing_duration()
    {
        await AssertRefusedAsync(Body(("duration", null)), "duration is required");
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_duration_sent_as_a_string()
    {
        await AssertRefusedAsync(Body(("duration", "5")), "must be a number");
    }

    [Theory]
    [InlineData(2.9)]
    [InlineData(10.5)]
    public async Task Text_to_audio_refuses_a_duration_outside_3_to_10(double seconds)
    {
        await AssertRefusedAsync(Body(("duration", seconds)), "outside 3.0 to 10.0");
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_duration_with_two_decimals()
    {
        await AssertRefusedAsync(Body(("duration", 5.25)), "more than one decimal");
    }

    [Fact]
    public async Task Text_to_audio_refuses_a_callback_url_that_is_not_http()
    {
        await AssertRefusedAsync(Body(("callback_url", "ftp://example.com/hook")), "invalid callback_url");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_text_to_audio_task_succeeds_with_one_audio_whose_mp3_and_wav_urls_serve_real_files(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);
        var id = (await api.CreateAsync(Body().ToJsonString())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);

        Assert.Equal("succeed", done.TaskStatus);
        var result = done.Data.GetProperty("task_result");
        Assert.False(result.TryGetProperty("videos", out _));
        var audio = Assert.Single(result.GetProperty("audios").EnumerateArray());
        Assert.True(Guid.TryParse(audio.GetProperty("id").GetString(), out _));
        Assert.Equal(JsonValueKind.String, audio.GetProperty("duration_mp3").ValueKind);
        Assert.Equal(JsonValueKind.String, audio.GetProperty("duration_wav").ValueKind);
        using var download = door.Download();
        using var mp3 = await download.GetAsync(audio.GetProperty("url_mp3").GetString(), TestContext.Current.CancellationToken);
        using var wav = await download.GetAsync(audio.GetProperty("url_wav").GetString(), TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, "audio/mpeg"), (mp3.StatusCode, mp3.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, "audio/wav"), (wav.StatusCode, wav.Content.Headers.ContentType?.MediaType));
        MediaAssert.Mp3(await mp3.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        MediaAssert.Wav(await wav.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_text_to_audio_task_is_found_only_on_its_own_route()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var audio = new RawApi(emulator) { RoutePath = Route };
        using var t2v = new RawApi(emulator) { RoutePath = RawApi.TextToVideoRoute };
        var id = (await audio.CreateAsync(Body(("external_task_id", "t2a-1")).ToJsonString())).TaskId;

        var elsewhere = await t2v.QueryAsync(id);

        Assert.Equal(id, (await audio.QueryByExternalIdAsync("t2a-1")).TaskId);
        Assert.Equal((404, 1203), (elsewhere.Status, elsewhere.Code));
        Assert.Equal("audio/text-to-audio", Assert.Single(emulator.Tasks).Route);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_client_creates_waits_and_downloads_a_text_to_audio_task_as_a_real_mp3_and_wav(bool overSocket)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(60) };
        await using var server = overSocket ? await KlingEmulator.StartServerAsync(options, cancellationToken: ct) : null;
        using var inProcess = overSocket ? null : new KlingEmulator(options);
        var client = server?.CreateClient() ?? inProcess!.CreateClient();
        var folder = Directory.CreateTempSubdirectory("kling-t2a-").FullName;
        try
        {
            var result = await client.GenerateAsync(
                new TextToAudioRequest { Prompt = "rain on a tin roof", Duration = TimeSpan.FromSeconds(5) }, KlingOutput.Folder(folder), new KlingGenerateOptions { Wait = Fast() }, ct);
            var wav = await client.DownloadResultsAsync(result.Task, KlingOutput.File(Path.Combine(folder, "rain.wav")), cancellationToken: ct);

            Assert.Equal(KlingTaskKind.TextToAudio, result.Task.Data.Kind);
            var id = result.Task.Data.TaskId;
            Assert.Equal([Path.Combine(folder, id + ".mp3"), Path.Combine(folder, id + ".wav")], result.Files);
            MediaAssert.Mp3(await File.ReadAllBytesAsync(result.Files[0], ct));
            MediaAssert.Wav(await File.ReadAllBytesAsync(result.Files[1], ct));
            Assert.Equal([Path.Combine(folder, "rain.wav")], wav);
            MediaAssert.Wav(await File.ReadAllBytesAsync(wav[0], ct));
            var sent = (server?.Emulator ?? inProcess!).Requests.First(request => request.Endpoint == KlingEmulatorEndpoint.Create);
            Assert.Equal("audio/text-to-audio", sent.Route);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Downloading_a_text_to_audio_task_into_a_folder_names_both_files_after_the_task()
    {
        var ct = TestContext.Current.CancellationToken;
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var created = await client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(3.5) }, ct);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await client.GetTaskAsync(KlingTaskKind.TextToAudio, created.Data.TaskId, ct);
        var folder = Directory.CreateTempSubdirectory("kling-t2a-").FullName;
        try
        {
            var files = await client.DownloadResultsAsync(done, KlingOutput.Folder(folder), cancellationToken: ct);

            var id = created.Data.TaskId;
            Assert.Equal([Path.Combine(folder, id + ".mp3"), Path.Combine(folder, id + ".wav")], files);
            MediaAssert.Mp3(await File.ReadAllBytesAsync(files[0], ct));
            MediaAssert.Wav(await File.ReadAllBytesAsync(files[1], ct));
            var audio = Assert.Single(done.Data.TaskResult!.Audios);
            Assert.Equal(("5.04", "5.0"), (audio.Mp3Duration, audio.WavDuration));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static KlingWaitOptions Fast() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(10),
        MinPollInterval = TimeSpan.FromMilliseconds(10),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };
}
