using System.Net;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>The avatar kind (<c>videos/avatar/image2video</c>): the emulator's own checks of its body, and the SDK's create → wait → download against it.</summary>
public class AvatarTests
{
    private const string Route = "kling/v1/videos/avatar/image2video";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    internal static KlingWaitOptions Fast => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(20),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string Body(Action<Dictionary<string, object?>>? change = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["image"] = TestImages.PngBase64(400, 400),
            ["sound_file"] = TestAudio.WavBase64(3),
            ["prompt"] = "She smiles and greets the viewer",
            ["mode"] = "std",
        };
        change?.Invoke(fields);
        return JsonSerializer.Serialize(fields);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Avatar_create_accepts_a_face_a_wav_and_a_prompt_and_the_task_yields_a_downloadable_mp4(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);

        var created = await api.CreateAsync(Body());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await api.QueryAsync(created.TaskId);

        Assert.True(created.Status == 200, created.Text);
        Assert.Equal("videos/avatar/image2video", Assert.Single(door.Emulator.Tasks).Route);
        Assert.Equal("succeed", done.TaskStatus);
        var url = new Uri(done.Data.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString()!);
        using var download = door.Download();
        var bytes = await download.GetByteArrayAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Theory]
    [InlineData("image", null, "image is required")]
    [InlineData("sound_file", null, "audio_id or sound_file is required")]
    [InlineData("prompt", null, "prompt is required")]
    [InlineData("prompt", "", "prompt is required")]
    [InlineData("mode", "turbo", "invalid mode")]
    [InlineData("sound_file", "data:audio/wav;base64,UklGRg==", "raw base64 string without a prefix")]
    [InlineData("sound_file", "iVBORw0KGgoAAAANSUhEUg==", "only mp3, wav, m4a and aac")]
    [InlineData("image", "https://", "invalid image")]
    public async Task Avatar_create_refuses_a_bad_body_with_1201(string field, string? value, string message)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(Body(fields => fields[field] = value));

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(message, answer.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Tasks);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(61)]
    public async Task Avatar_create_refuses_a_wav_outside_2_to_60_s(double seconds)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(Body(fields => fields["sound_file"] = TestAudio.WavBase64(seconds)));

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains("it must last 2 to 60 s", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Avatar_create_refuses_both_audio_id_and_sound_file_and_accepts_an_audio_id_alone()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var both = await api.CreateAsync(Body(fields => fields["audio_id"] = "audio-1"));
        var alone = await api.CreateAsync(Body(fields => (fields["audio_id"], fields["sound_file"]) = ("audio-1", null)));

        Assert.Contains("mutually exclusive", both.Message, StringComparison.Ordinal);
        Assert.Equal(200, alone.Status);
    }

    [Fact]
    public async Task The_client_creates_waits_for_and_downloads_an_avatar_video_from_local_files()
    {
        // Real time, milliseconds long: the wait's schedule runs on the client's clock.
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(50) });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("kling-avatar-").FullName;
        try
        {
            var created = await client.CreateAvatarAsync(
                new AvatarRequest { Image = KlingImage.FromBase64(TestImages.PngBase64(400, 400)), Audio = KlingAudio.FromBytes(TestAudio.Wav(4)), Prompt = "She waves" }, ct);
            var done = await client.WaitForCompletionAsync(created, Fast, ct);
            var files = await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder, "avatar.mp4")), cancellationToken: ct);

            Assert.Equal(KlingTaskKind.Avatar, done.Data.Kind);
            Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
            var bytes = await File.ReadAllBytesAsync(Assert.Single(files), ct);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
            using var sent = JsonDocument.Parse(Assert.Single(emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create).Body);
            Assert.Equal(TestAudio.WavBase64(4), sent.RootElement.GetProperty("sound_file").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_emulators_refusal_of_an_avatar_reaches_the_client_as_a_KlingApiException()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient(options => options.ValidationLimits = new KlingValidationLimits { Avatar = { RequirePrompt = false } });

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateAvatarAsync(
            new AvatarRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/face.png")), AudioId = "audio-1" }, TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode.BadRequest, 1201), (error.StatusCode, error.Code));
        Assert.Contains("prompt is required", error.ServerMessage, StringComparison.Ordinal);
    }
}
