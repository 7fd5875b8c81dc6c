using System.Net;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// Lip-sync on the emulator: the synchronous identify-face route (answered at once, a session with one face), the
/// advanced-lip-sync task checked against that session, and the SDK's two steps against both.
/// </summary>
public class LipSyncTests
{
    private const string IdentifyRoute = "kling/v1/videos/identify-face";
    private const string LipSyncRoute = "kling/v1/videos/advanced-lip-sync";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private KlingEmulatorOptions Options(Action<KlingEmulatorOptions>? configure = null)
    {
        var options = new KlingEmulatorOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        return options;
    }

    private static string LipSyncBody(string sessionId, Action<Dictionary<string, object?>>? changeFace = null, string faceId = "0")
    {
        var face = new Dictionary<string, object?>
        {
            ["face_id"] = faceId,
            ["sound_file"] = TestAudio.WavBase64(4),
            ["sound_start_time"] = 0,
            ["sound_end_time"] = 3000,
            ["sound_insert_time"] = 0,
        };
        changeFace?.Invoke(face);
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["session_id"] = sessionId, ["face_choose"] = new[] { face } });
    }

    private static async Task<string> SessionAsync(RawApi api)
    {
        var answer = await api.SendAsync(HttpMethod.Post, IdentifyRoute, """{"video_id":"video-1"}""");
        Assert.True(answer.Status == 200, answer.Text);
        return answer.Data.GetProperty("session_id").GetString()!;
    }

    // ---- identify-face ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Identify_face_answers_at_once_with_a_session_and_one_face_whose_picture_is_a_jpeg(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var api = door.Api(LipSyncRoute);

        var answer = await api.SendAsync(HttpMethod.Post, IdentifyRoute, """{"video_url":"https://example.com/talk.mp4"}""");

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal((0, "SUCCEED"), (answer.Code, answer.Message));
        Assert.False(string.IsNullOrEmpty(answer.Data.GetProperty("session_id").GetString()));
        var face = Assert.Single(answer.Data.GetProperty("face_data").EnumerateArray());
        Assert.Equal(["face_id", "face_image", "start_time", "end_time"], face.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("0", 0, 5000), (face.GetProperty("face_id").GetString(), face.GetProperty("start_time").GetInt64(), face.GetProperty("end_time").GetInt64()));
        Assert.Empty(door.Emulator.Tasks);

        using var download = door.Download();
        using var picture = await download.GetAsync(new Uri(face.GetProperty("face_image").GetString()!), TestContext.Current.CancellationToken);
        var bytes = await picture.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
    }

    [Theory]
    [InlineData("{}", "video_id or video_url is required")]
    [InlineData("""{"video_id":"v","video_url":"https://example.com/a.mp4"}""", "mutually exclusive")]
    [InlineData("""{"video_id":" "}""", "invalid video_id: empty")]
    [InlineData("""{"video_id":7}""", "invalid video_id: must be a string")]
    [InlineData("""{"video_url":"talk.mp4"}""", "is not an absolute http(s) URL")]
    public async Task Identify_face_refuses_a_bad_body_with_1201(string body, string message)
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator);

        var answer = await api.SendAsync(HttpMethod.Post, IdentifyRoute, body);

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(message, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_face_needs_a_key_and_a_POST()
    {
        using var emulator = new KlingEmulator(Options());
        using var anonymous = new RawApi(emulator, apiKey: null);
        using var api = new RawApi(emulator);

        var noKey = await anonymous.SendAsync(HttpMethod.Post, IdentifyRoute, """{"video_id":"v"}""");
        var get = await api.SendAsync(HttpMethod.Get, IdentifyRoute);

        Assert.Equal((401, 1001), (noKey.Status, noKey.Code));
        Assert.Equal((404, 1202), (get.Status, get.Code));
    }

    // ---- advanced-lip-sync against the sessions ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lip_sync_with_a_session_of_the_same_key_runs_and_yields_a_downloadable_mp4(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var api = door.Api(LipSyncRoute);
        var session = await SessionAsync(api);

        var created = await api.CreateAsync(LipSyncBody(session));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await api.QueryAsync(created.TaskId);

        Assert.True(created.Status == 200, created.Text);
        Assert.Equal("videos/advanced-lip-sync", Assert.Single(door.Emulator.Tasks).Route);
        Assert.Equal("succeed", done.TaskStatus);
        using var download = door.Download();
        var bytes = await download.GetByteArrayAsync(new Uri(done.Data.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString()!), TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Lip_sync_accepts_CometAPIs_string_times_and_original_sound_volume()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = LipSyncRoute };
        var session = await SessionAsync(api);

        var answer = await api.CreateAsync(LipSyncBody(session, face =>
        {
            (face["sound_start_time"], face["sound_end_time"], face["sound_insert_time"]) = ("0", "2000", "0");
            face["original_sound_volume"] = 1;
        }));

        Assert.True(answer.Status == 200, answer.Text);
    }

    [Fact]
    public async Task Lip_sync_refuses_an_unknown_session_and_a_session_of_another_key()
    {
        using var emulator = new KlingEmulator(Options(options => options.ApiKeys = ["sk-one", "sk-two"]));
        using var one = new RawApi(emulator, "sk-one") { RoutePath = LipSyncRoute };
        using var two = new RawApi(emulator, "sk-two") { RoutePath = LipSyncRoute };
        var session = await SessionAsync(one);

        var unknown = await one.CreateAsync(LipSyncBody("no-such-session"));
        var otherKey = await two.CreateAsync(LipSyncBody(session));

        Assert.Equal((400, 1201), (unknown.Status, unknown.Code));
        Assert.Contains("is not a face session of this account", unknown.Message, StringComparison.Ordinal);
        Assert.Equal((400, 1201), (otherKey.Status, otherKey.Code));
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task Lip_sync_refuses_a_session_older_than_24_hours()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = LipSyncRoute };
        var session = await SessionAsync(api);
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var answer = await api.CreateAsync(LipSyncBody(session));

        Assert.Contains("has expired", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lip_sync_refuses_a_face_not_in_the_session_and_a_clip_that_overlaps_the_face_by_less_than_2_s()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = LipSyncRoute };
        var session = await SessionAsync(api);

        var wrongFace = await api.CreateAsync(LipSyncBody(session, faceId: "7"));
        var late = await api.CreateAsync(LipSyncBody(session, face => face["sound_insert_time"] = 4000));

        Assert.Contains("invalid face_choose[0].face_id: '7' is not a face of session", wrongFace.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps the face's time on screen (0-5000 ms) by 1000 ms", late.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sound_end_time", 1500L, "at least 2000 ms are required")]
    [InlineData("sound_end_time", 0L, "must be greater than sound_start_time")]
    [InlineData("sound_end_time", null, "sound_end_time: required")]
    [InlineData("sound_start_time", -1L, "is negative")]
    [InlineData("sound_volume", 2.5, "must be a number from 0 to 2")]
    [InlineData("original_audio_volume", -0.5, "must be a number from 0 to 2")]
    [InlineData("audio_id", "audio-1", "mutually exclusive")]
    [InlineData("sound_file", null, "audio_id or sound_file is required")]
    [InlineData("face_id", "", "face_id: required")]
    public async Task Lip_sync_refuses_a_bad_face_choice_with_1201(string field, object? value, string message)
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = LipSyncRoute };
        var session = await SessionAsync(api);

        var answer = await api.CreateAsync(LipSyncBody(session, face => face[field] = value));

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(message, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lip_sync_refuses_a_wav_shorter_than_2_s_and_a_body_without_faces()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = LipSyncRoute };
        var session = await SessionAsync(api);

        var shortAudio = await api.CreateAsync(LipSyncBody(session, face => face["sound_file"] = TestAudio.WavBase64(1.5)));
        var noFaces = await api.CreateAsync(JsonSerializer.Serialize(new { session_id = session, face_choose = Array.Empty<object>() }));

        Assert.Contains("it must last 2 to 60 s", shortAudio.Message, StringComparison.Ordinal);
        Assert.Contains("face_choose is required", noFaces.Message, StringComparison.Ordinal);
    }

    // ---- the SDK against it ----

    [Fact]
    public async Task The_client_identifies_faces_then_creates_waits_for_and_downloads_a_lip_sync_video()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(50) });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("kling-lipsync-").FullName;
        try
        {
            var faces = await client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoUrl = new Uri("https://example.com/talk.mp4") }, ct);
            var face = Assert.Single(faces.Faces);
            var created = await client.CreateLipSyncAsync(
                new LipSyncRequest
                {
                    SessionId = faces.SessionId,
                    Faces = [new KlingFaceChoice { FaceId = face.FaceId, Audio = KlingAudio.FromBytes(TestAudio.Wav(3)), AudioStartTime = TimeSpan.FromMilliseconds(0), AudioEndTime = TimeSpan.FromMilliseconds(3000), AudioInsertTime = TimeSpan.FromMilliseconds(face.StartTime) }],
                },
                ct);
            var done = await client.WaitForCompletionAsync(created, AvatarTests.Fast, ct);
            var files = await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder, "synced.mp4")), cancellationToken: ct);

            Assert.Equal((0L, 5000L), (face.StartTime, face.EndTime));
            Assert.Equal(KlingTaskKind.LipSync, done.Data.Kind);
            var bytes = await File.ReadAllBytesAsync(Assert.Single(files), ct);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
            Assert.Null(Assert.Single(emulator.Requests, request => request.Path.EndsWith("/identify-face", StringComparison.Ordinal)).Route);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_client_sends_identify_face_again_after_a_1303_refusal_but_not_after_a_dropped_answer()
    {
        // Real time: the resend after 1303 waits its (1 ms) back-off on the client's clock, which the class's fake clock
        // would never move (the test hung there under a loaded run).
        var settings = Options();
        settings.TimeProvider = TimeProvider.System;
        using var emulator = new KlingEmulator(settings);
        var client = emulator.CreateClient(options => options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1));
        var request = new IdentifyFacesRequest { VideoId = "video-1" };
        var ct = TestContext.Current.CancellationToken;

        // identify-face is no task kind: the emulator records it (and aims faults at it) as KlingEmulatorEndpoint.Other.
        emulator.Faults.Add(KlingEmulatorEndpoint.Other, KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit"));
        var retried = await client.IdentifyFacesAsync(request, ct);
        emulator.Faults.Add(KlingEmulatorEndpoint.Other, KlingEmulatorFault.DropAfterProcessing());
        await Assert.ThrowsAsync<KlingConnectionException>(() => client.IdentifyFacesAsync(request, ct));

        Assert.False(string.IsNullOrEmpty(retried.SessionId));
        Assert.Equal(3, emulator.Requests.Count(sent => sent.Path == "/" + IdentifyRoute));
    }
}
