using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling omni-video</c>: a prompt with reference images, frames, elements or a reference video, through the same create → wait → download.</summary>
public sealed class OmniVideoCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_uses_the_emulator_waits_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("omni.mp4");

        var run = await KlingRunner.RunAsync("omni-video", "--prompt", "A paper boat on a rainy street", "--first-frame", KlingRunner.SampleImage, "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Its_options_reach_the_omni_video_request_body_references_first_then_frames()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "omni-video", "--prompt", "<<<image_1>>> in <<<video_1>>>", "--image", "https://example.com/a.png", "--image", KlingRunner.SampleImage,
            "--first-frame", "https://example.com/start.png", "--element", "161", "--video-url", "https://example.com/clip.mp4", "--refer-type", "feature",
            "--keep-original-sound", "yes", "--model", "kling-video-o1", "--mode", "std", "--duration", "3", "--external-id", "omni-7",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/omni-video", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var fields = body.RootElement;
        var images = fields.GetProperty("image_list").EnumerateArray().ToArray();
        Assert.Equal("https://example.com/a.png", images[0].GetProperty("image_url").GetString());
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(KlingRunner.SampleImage, TestContext.Current.CancellationToken)), images[1].GetProperty("image_url").GetString());
        Assert.Equal("first_frame", images[2].GetProperty("type").GetString());
        Assert.False(images[0].TryGetProperty("type", out _));
        Assert.Equal(161, fields.GetProperty("element_list")[0].GetProperty("element_id").GetInt64());
        Assert.Equal(
            """{"video_url":"https://example.com/clip.mp4","refer_type":"feature","keep_original_sound":"yes"}""",
            fields.GetProperty("video_list")[0].GetRawText());
        Assert.Equal(("kling-video-o1", "std", "3", "omni-7"), (fields.GetProperty("model_name").GetString(), fields.GetProperty("mode").GetString(), fields.GetProperty("duration").GetString(), fields.GetProperty("external_task_id").GetString()));
        Assert.Contains("--kind omni-video", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_options_without_a_video_url_or_a_bad_keep_original_sound_are_usage_errors()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];

        var orphan = await KlingRunner.RunAsync(["omni-video", "--prompt", "p", "--aspect-ratio", "1:1", "--refer-type", "base", .. connection], TestContext.Current.CancellationToken);
        var badKeep = await KlingRunner.RunAsync(
            ["omni-video", "--prompt", "p", "--video-url", "https://example.com/c.mp4", "--keep-original-sound", "maybe", .. connection], TestContext.Current.CancellationToken);

        Assert.Equal(2, orphan.ExitCode);
        Assert.Contains("--video-url", orphan.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badKeep.ExitCode);
        Assert.Contains("yes or no", badKeep.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "omni-video", "--prompt", "p", "--end-frame", KlingRunner.SampleImage, "--duration", "12", "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        Assert.Equal(
            ["image_list[0].type", "aspect_ratio", "duration"],
            error.GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()));
        Assert.Empty(server.Emulator.Requests);
    }
}
