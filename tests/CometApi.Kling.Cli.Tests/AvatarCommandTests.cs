using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling avatar</c>: the same create → wait → download as the other kinds, from a face and an audio.</summary>
public sealed class AvatarCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_makes_the_face_speak_a_local_wav_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("avatar.mp4");
        var speech = TestAudioFile.Wav(_directory.File("speech.wav"), 3);

        var run = await KlingRunner.RunAsync("avatar", "--image", KlingRunner.SampleImage, "--audio", speech, "--prompt", "She smiles and speaks", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Its_options_reach_the_avatar_request_body()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "avatar", "--image", "https://example.com/face.png", "--audio", "https://example.com/hello.mp3", "--prompt", "She waves", "--mode", "pro",
            "--external-id", "order-9", "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("avatar", run.Json().GetProperty("task").GetProperty("kind").GetString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/avatar/image2video", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(
            """{"image":"https://example.com/face.png","sound_file":"https://example.com/hello.mp3","prompt":"She waves","mode":"pro","external_task_id":"order-9"}""",
            body.RootElement.GetRawText());
    }

    [Fact]
    public async Task An_audio_id_reaches_the_body_in_place_of_a_sound_file()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "avatar", "--image", KlingRunner.SampleImage, "--audio-id", "audio-77", "--prompt", "hi", "--no-wait",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var body = JsonDocument.Parse(Assert.Single(server.Emulator.Requests).Body);
        Assert.Equal("audio-77", body.RootElement.GetProperty("audio_id").GetString());
        Assert.False(body.RootElement.TryGetProperty("sound_file", out _));
    }

    [Fact]
    public async Task Two_audios_and_no_prompt_are_listed_nothing_is_sent_and_it_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        var speech = TestAudioFile.Wav(_directory.File("speech.wav"), 3);

        var run = await KlingRunner.RunAsync(
            "avatar", "--image", KlingRunner.SampleImage, "--audio", speech, "--audio-id", "audio-1", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        Assert.Equal(["sound_file", "prompt"], error.GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()));
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Without_an_image_it_is_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("avatar", "--audio-id", "a", "--prompt", "hi");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--image", run.Stderr, StringComparison.Ordinal);
    }
}
