using System.Text.Json;
using CometApi.Kling.Cli.Commands;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary>
/// <c>kling lip-sync</c>: identify-face (synchronous, billed) picks the face, then the lip-sync task runs the same
/// create → wait → download as every kind; the request is checked before identify-face is paid for.
/// </summary>
public sealed class LipSyncCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Speech(double seconds = 3) => TestAudioFile.Wav(_directory.File($"speech-{seconds}.wav"), seconds);

    [Fact]
    public async Task Without_a_key_it_identifies_the_face_syncs_it_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("synced.mp4");

        var run = await KlingRunner.RunAsync("lip-sync", "--video-url", "https://example.com/talk.mp4", "--audio", Speech(), "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 face(s) found", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("face 0: on screen 0-5000 ms", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Json_prints_one_document_with_the_task_the_session_and_the_file()
    {
        var run = await KlingRunner.RunAsync("lip-sync", "--video-id", "video-1", "--audio-id", "audio-1", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("lip-sync", json.GetProperty("task").GetProperty("kind").GetString());
        Assert.Equal("succeed", json.GetProperty("task").GetProperty("task_status").GetString());
        var session = json.GetProperty("session");
        Assert.False(string.IsNullOrEmpty(session.GetProperty("session_id").GetString()));
        Assert.Equal("0", session.GetProperty("face_data")[0].GetProperty("face_id").GetString());
        Assert.True(File.Exists(json.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task Its_options_reach_identify_face_and_the_lip_sync_body_with_the_clip_ending_where_the_wav_does()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "lip-sync", "--video-url", "https://example.com/talk.mp4", "--audio", Speech(3), "--volume", "1.5", "--original-volume", "0.5",
            "--external-id", "order-5", "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var identify = Assert.Single(server.Emulator.Requests, request => request.Path == "/kling/v1/videos/identify-face");
        Assert.Equal("""{"video_url":"https://example.com/talk.mp4"}""", System.Text.Encoding.UTF8.GetString(identify.Body.Span));
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/advanced-lip-sync", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var root = body.RootElement;
        Assert.Equal(run.Json().GetProperty("session").GetProperty("session_id").GetString(), root.GetProperty("session_id").GetString());
        var face = root.GetProperty("face_choose")[0];
        Assert.Equal("0", face.GetProperty("face_id").GetString());
        Assert.Equal((0, 3000, 0), (face.GetProperty("sound_start_time").GetInt64(), face.GetProperty("sound_end_time").GetInt64(), face.GetProperty("sound_insert_time").GetInt64()));
        Assert.Equal((1.5, 0.5), (face.GetProperty("sound_volume").GetDouble(), face.GetProperty("original_audio_volume").GetDouble()));
        Assert.Equal("order-5", root.GetProperty("external_task_id").GetString());
    }

    [Fact]
    public async Task A_bad_audio_is_refused_before_the_billed_identify_face_is_sent()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "lip-sync", "--video-id", "video-1", "--audio", Speech(1), "--volume", "3",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The request was not sent, because:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - face_choose[0].sound_file:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - face_choose[0].sound_volume:", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Theory]
    [InlineData("--audio-id a")]
    [InlineData("--video-id v --video-url https://example.com/v.mp4 --audio-id a")]
    [InlineData("--video-url talk.mp4 --audio-id a")]
    public async Task The_video_must_be_exactly_one_of_video_id_and_an_http_video_url(string arguments)
    {
        var options = arguments.Split(' ');
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            ["lip-sync", .. options, "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey], TestContext.Current.CancellationToken);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--video", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task A_face_the_video_does_not_show_is_a_usage_error_listing_its_faces_and_the_json_keeps_the_session()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "lip-sync", "--video-id", "video-1", "--audio-id", "a", "--face", "3", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var json = run.Json();
        Assert.Equal("usage", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("its faces: 0 (0-5000 ms)", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(json.TryGetProperty("session", out _));
        Assert.DoesNotContain(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
    }

    [Fact]
    public async Task A_clip_that_overlaps_the_face_by_less_than_2_s_is_a_usage_error_and_no_task_is_created()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "lip-sync", "--video-id", "video-1", "--audio", Speech(3), "--insert-ms", "4000",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("by 1000 ms; Kling needs at least 2000 ms", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
    }

    [Fact]
    public void Several_faces_without_face_are_a_usage_error_listing_them_and_face_picks_one()
    {
        var identification = new KlingFaceIdentification
        {
            SessionId = "s",
            Faces = [new KlingFace { FaceId = "0", StartTime = 0, EndTime = 4000 }, new KlingFace { FaceId = "1", StartTime = 1000, EndTime = 5000 }],
        };

        var error = Assert.Throws<KlingCliUsageException>(() => LipSyncCommand.ChooseFace(identification, faceId: null));
        var none = Assert.Throws<KlingCliUsageException>(() => LipSyncCommand.ChooseFace(new KlingFaceIdentification { SessionId = "s" }, faceId: null));

        Assert.Contains("The video shows 2 faces; choose one with --face <face_id>: 0 (0-4000 ms); 1 (1000-5000 ms).", error.Message, StringComparison.Ordinal);
        Assert.Equal("1", LipSyncCommand.ChooseFace(identification, "1").FaceId);
        Assert.Contains("no face", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_finds_a_lip_sync_task_with_kind_lip_sync()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var created = await KlingRunner.RunAsync(["lip-sync", "--video-id", "v", "--audio-id", "a", "--no-wait", "--json", .. connection], TestContext.Current.CancellationToken);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var status = await KlingRunner.RunAsync(["status", taskId, "--wait", "--kind", "lip-sync", "--json", .. connection], TestContext.Current.CancellationToken);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("succeed", status.Json().GetProperty("task").GetProperty("task_status").GetString());
        Assert.Contains($"--kind lip-sync", created.Stderr, StringComparison.Ordinal);
    }
}
