using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary>
/// <c>kling text-to-audio</c>: the same create → wait → download as the video commands, saving the sound in each format
/// offered (MP3 and WAV) into a folder, or the one format a file's extension names, and listing every saved file, on
/// the terminal and in <c>--json</c>.
/// </summary>
public sealed class TextToAudioCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Output_rain_mp3_saves_the_real_mp3_there_and_nothing_else()
    {
        var mp3 = _directory.File("rain.mp3");

        var run = await KlingRunner.RunAsync("text-to-audio", "--prompt", "rain on a tin roof", "--duration", "5", "-o", mp3);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {mp3} (", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["rain.mp3"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        MediaAssert.Mp3(await File.ReadAllBytesAsync(mp3, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Output_rain_wav_saves_the_real_wav()
    {
        var wav = _directory.File("rain.wav");

        var run = await KlingRunner.RunAsync("text-to-audio", "--prompt", "rain on a tin roof", "--duration", "5", "-o", wav);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["rain.wav"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        MediaAssert.Wav(await File.ReadAllBytesAsync(wav, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Output_to_a_file_without_an_audio_extension_is_refused_before_the_task_is_created()
    {
        var run = await KlingRunner.RunAsync("text-to-audio", "--prompt", "rain on a tin roof", "--duration", "5", "-o", _directory.File("rain"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("saves an MP3 and a WAV", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task Json_lists_every_saved_file_and_keeps_file_as_the_first_one()
    {
        var run = await KlingRunner.RunAsync("text-to-audio", "--prompt", "rain", "--duration", "7.5", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var task = json.GetProperty("task");
        Assert.Equal("text-to-audio", task.GetProperty("kind").GetString());
        Assert.Equal("succeed", task.GetProperty("task_status").GetString());
        var taskId = task.GetProperty("task_id").GetString();
        string[] expected = [Path.Combine(_directory.Path, $"{taskId}.mp3"), Path.Combine(_directory.Path, $"{taskId}.wav")];
        Assert.Equal(expected, json.GetProperty("files").EnumerateArray().Select(file => file.GetString()));
        Assert.Equal(expected[0], json.GetProperty("file").GetString());
        Assert.All(expected, file => Assert.True(File.Exists(file), file));
        Assert.Single(task.GetProperty("task_result").GetProperty("audios").EnumerateArray());
    }

    [Fact]
    public async Task Its_options_reach_the_text_to_audio_body_with_duration_a_json_number()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text-to-audio", "--prompt", "thunder far away", "--duration", "3.5", "--external-id", "order-7", "--callback-url", "https://example.com/hook",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("audio/text-to-audio", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(
            """{"prompt":"thunder far away","duration":3.5,"external_task_id":"order-7","callback_url":"https://example.com/hook"}""",
            body.RootElement.GetRawText());
        Assert.Contains($"kling status {run.Json().GetProperty("task").GetProperty("task_id").GetString()} --wait --kind text-to-audio", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text-to-audio", "--prompt", new string('x', 201), "--duration", "12.55", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The request was not sent, because:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - prompt:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - duration:", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Without_a_duration_it_is_a_usage_error_and_nothing_is_sent()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync("text-to-audio", "--prompt", "rain", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--duration", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("NaN")]
    public async Task A_duration_no_TimeSpan_can_hold_is_a_usage_error_and_nothing_is_sent(string duration)
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "text-to-audio", "--prompt", "rain", "--duration", duration, "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--duration must be a finite number of seconds", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task On_a_terminal_each_of_the_two_files_gets_its_own_progress_bar()
    {
        var run = await KlingRunner.RunAsync(
            ["text-to-audio", "--prompt", "rain", "--duration", "5", "-o", _directory.File("rain") + Path.DirectorySeparatorChar], TestContext.Current.CancellationToken, interactive: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Downloading \d+\.mp3, file 1 of 2", run.Stderr);
        Assert.Matches(@"Downloading \d+\.wav, file 2 of 2", run.Stderr);
        Assert.Contains(".wav (", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_with_kind_text_to_audio_saves_both_files_of_a_task_made_in_another_run()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var taskId = await SucceededInAnotherRunAsync(connection);

        var downloaded = await KlingRunner.RunAsync(["download", taskId, "-o", _directory.File("late") + Path.DirectorySeparatorChar, "--kind", "text-to-audio", "--json", .. connection], TestContext.Current.CancellationToken);

        Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
        string[] expected = [Path.Combine(_directory.File("late"), taskId + ".mp3"), Path.Combine(_directory.File("late"), taskId + ".wav")];
        Assert.Equal(expected, downloaded.Json().GetProperty("files").EnumerateArray().Select(file => file.GetString()));
        MediaAssert.Wav(await File.ReadAllBytesAsync(expected[1], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Download_of_both_formats_to_one_file_name_without_an_audio_extension_saves_nothing_and_says_how()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var taskId = await SucceededInAnotherRunAsync(connection);

        var downloaded = await KlingRunner.RunAsync(["download", taskId, "-o", _directory.File("late"), "--kind", "text-to-audio", .. connection], TestContext.Current.CancellationToken);

        Assert.Equal(2, downloaded.ExitCode);
        Assert.Contains($"kling download {taskId} -o <folder>/ --kind text-to-audio", downloaded.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    /// <summary>A text-to-audio task created by one run and waited for by another, as a user resumes work: its id.</summary>
    private static async Task<string> SucceededInAnotherRunAsync(string[] connection)
    {
        var created = await KlingRunner.RunAsync(["text-to-audio", "--prompt", "rain", "--duration", "5", "--no-wait", "--json", .. connection], TestContext.Current.CancellationToken);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;
        var waited = await KlingRunner.RunAsync(["status", taskId, "--wait", "--kind", "text-to-audio", .. connection], TestContext.Current.CancellationToken);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        return taskId;
    }
}
