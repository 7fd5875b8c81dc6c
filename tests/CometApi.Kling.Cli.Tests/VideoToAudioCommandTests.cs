using System.Text.Json;
using System.Text.RegularExpressions;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling video-to-audio</c>: a video by id or URL gets a soundtrack; every file of the result is saved and listed.</summary>
public sealed class VideoToAudioCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Output_to_a_folder_saves_the_video_the_mp3_and_the_wav_and_lists_them_all()
    {
        var run = await KlingRunner.RunAsync(
            "video-to-audio", "--video-url", "https://cdn.example.com/surf.mp4", "--sound-effect-prompt", "waves", "-o", _directory.Path + Path.DirectorySeparatorChar, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var task = json.GetProperty("task");
        Assert.Equal("video-to-audio", task.GetProperty("kind").GetString());
        var taskId = task.GetProperty("task_id").GetString();
        string[] expected =
        [
            Path.Combine(_directory.Path, $"{taskId}.mp4"), Path.Combine(_directory.Path, $"{taskId}.mp3"), Path.Combine(_directory.Path, $"{taskId}.wav"),
        ];
        Assert.Equal(expected, json.GetProperty("files").EnumerateArray().Select(file => file.GetString()));
        Assert.Equal(expected[0], json.GetProperty("file").GetString());
        MediaAssert.Mp4(await File.ReadAllBytesAsync(expected[0], TestContext.Current.CancellationToken));
        MediaAssert.Mp3(await File.ReadAllBytesAsync(expected[1], TestContext.Current.CancellationToken));
        MediaAssert.Wav(await File.ReadAllBytesAsync(expected[2], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task On_the_terminal_each_saved_file_gets_its_own_line()
    {
        var run = await KlingRunner.RunAsync("video-to-audio", "--video-id", "862345789012345678", "-o", _directory.File("surf") + Path.DirectorySeparatorChar);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var extension in new[] { ".mp4", ".mp3", ".wav" })
        {
            Assert.Matches($@"Saved .*{Regex.Escape(Path.DirectorySeparatorChar + "surf" + Path.DirectorySeparatorChar)}\d+{Regex.Escape(extension)} \(", run.Stdout);
        }
    }

    [Fact]
    public async Task Output_surf_mp4_saves_only_the_video_with_its_new_sound()
    {
        var run = await KlingRunner.RunAsync("video-to-audio", "--video-id", "862345789012345678", "-o", _directory.File("surf.mp4"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["surf.mp4"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        MediaAssert.Mp4(await File.ReadAllBytesAsync(_directory.File("surf.mp4"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Output_to_a_file_whose_extension_picks_no_single_file_is_refused_before_the_task_is_created()
    {
        var run = await KlingRunner.RunAsync("video-to-audio", "--video-id", "862345789012345678", "-o", _directory.File("surf.png"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing was sent", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("created", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task Its_options_reach_the_video_to_audio_body()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "video-to-audio", "--video-id", "862345789012345678", "--sound-effect-prompt", "waves crash", "--bgm-prompt", "calm ukulele", "--asmr",
            "--external-id", "order-9", "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("audio/video-to-audio", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(
            """{"video_id":"862345789012345678","sound_effect_prompt":"waves crash","bgm_prompt":"calm ukulele","asmr_mode":true,"external_task_id":"order-9"}""",
            body.RootElement.GetRawText());
    }

    [Fact]
    public async Task Without_asmr_the_body_leaves_asmr_mode_to_the_service()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "video-to-audio", "--video-url", "https://cdn.example.com/surf.mp4", "--no-wait", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.DoesNotContain("asmr_mode", System.Text.Encoding.UTF8.GetString(create.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_a_video_id_and_a_local_file_as_video_url_list_every_problem_send_nothing_and_exit_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "video-to-audio", "--video-id", "1", "--video-url", "clips/surf.mp4", "--bgm-prompt", new string('b', 201), "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        var problems = error.GetProperty("errors").EnumerateArray().Select(problem => (problem.GetProperty("path").GetString(), problem.GetProperty("message").GetString())).ToArray();
        Assert.Contains(problems, problem => problem.Item1 == "video_url" && problem.Item2!.Contains("video_id and video_url", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Item1 == "video_url" && problem.Item2!.Contains("no local file", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Item1 == "bgm_prompt");
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Without_a_video_it_names_both_options_and_exits_2()
    {
        var run = await KlingRunner.RunAsync("video-to-audio", "--sound-effect-prompt", "waves");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("video_id or video_url is required", run.Stderr, StringComparison.Ordinal);
    }
}
