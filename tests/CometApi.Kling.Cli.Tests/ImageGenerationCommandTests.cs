using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary>
/// <c>kling image-generation</c>: the same create → wait → download as the video commands, with several results
/// saved to a folder (or beside the file named), a progress bar per file on a terminal, and every file in <c>--json</c>.
/// </summary>
public sealed class ImageGenerationCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>The names of the files saved in the test's folder (and below it), in order.</summary>
    private string[] SavedFiles() =>
        [.. Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(_directory.Path, file)).Order(StringComparer.Ordinal)];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_n_3_and_a_folder_ending_in_a_separator_it_saves_three_genuine_pngs_in_it()
    {
        var folder = _directory.File("out") + Path.DirectorySeparatorChar;

        var run = await KlingRunner.RunAsync("image-generation", "--prompt", "A red fox in fresh snow", "--n", "3", "--aspect-ratio", "1:1", "-o", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = Directory.GetFiles(folder).Order().ToArray();
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            Assert.Contains($"Saved {file}", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(file, Token))[..8]);
        }

        Assert.All(files, file => Assert.Matches(@"^\d{18}-[123]\.png$", Path.GetFileName(file)));
    }

    [Fact]
    public async Task With_n_2_and_a_file_name_it_is_refused_before_the_task_is_created()
    {
        var run = await KlingRunner.RunAsync("image-generation", "--prompt", "A red fox", "--n", "2", "-o", _directory.File("fox.png"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--n 2 makes 2 images", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("end -o with /", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("created", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(SavedFiles());
    }

    [Fact]
    public async Task With_one_image_and_a_file_name_it_saves_exactly_that_file()
    {
        var output = _directory.File("fox.png");

        var run = await KlingRunner.RunAsync("image-generation", "--prompt", "A red fox", "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["fox.png"], SavedFiles());
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(output, Token))[..8]);
    }

    [Fact]
    public async Task Json_lists_every_saved_file_and_the_images_of_the_task()
    {
        var run = await KlingRunner.RunAsync("image-generation", "--prompt", "hello", "--n", "3", "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var task = json.GetProperty("task");
        Assert.Equal("image-generation", task.GetProperty("kind").GetString());
        Assert.Equal(3, task.GetProperty("task_result").GetProperty("images").GetArrayLength());
        var files = json.GetProperty("files").EnumerateArray().Select(file => file.GetString()!).ToArray();
        Assert.Equal(3, files.Length);
        Assert.Equal(files[0], json.GetProperty("file").GetString());
        Assert.All(files, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public async Task On_a_terminal_it_draws_one_progress_bar_per_image()
    {
        var run = await KlingRunner.RunAsync(
            ["image-generation", "--prompt", "hello", "--n", "3", "-o", _directory.Path + Path.DirectorySeparatorChar], Token, interactive: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("file 1 of 3", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("file 2 of 3", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("file 3 of 3", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(_directory.Path).Length);
    }

    [Fact]
    public async Task Its_options_reach_the_image_generation_request_body()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "image-generation", "--prompt", "A lighthouse", "--n", "2", "--aspect-ratio", "3:2", "--image", KlingRunner.SampleImage,
            "--image-reference", "subject", "--image-fidelity", "0.6", "--human-fidelity", "0.3", "--resolution", "2k", "--model", "kling-v2-1",
            "--external-id", "order-9", "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("images/generations", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var fields = body.RootElement;
        Assert.Equal(2, fields.GetProperty("n").GetInt32());
        Assert.Equal("3:2", fields.GetProperty("aspect_ratio").GetString());
        Assert.Equal("subject", fields.GetProperty("image_reference").GetString());
        Assert.Equal(0.6, fields.GetProperty("image_fidelity").GetDouble());
        Assert.Equal(0.3, fields.GetProperty("human_fidelity").GetDouble());
        Assert.Equal("2k", fields.GetProperty("resolution").GetString());
        Assert.Equal("kling-v2-1", fields.GetProperty("model_name").GetString());
        Assert.Equal("order-9", fields.GetProperty("external_task_id").GetString());
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(KlingRunner.SampleImage, Token)), fields.GetProperty("image").GetString());
    }

    [Fact]
    public async Task A_request_that_breaks_the_rules_exits_2_listing_every_problem_and_sends_nothing()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "image-generation", "--prompt", "p", "--n", "12", "--negative-prompt", "blur", "--image", KlingRunner.SampleImage, "--json",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        var problems = run.Json().GetProperty("error").GetProperty("errors").EnumerateArray().Select(problem => problem.GetProperty("path").GetString()).ToArray();
        Assert.Equal(["negative_prompt", "n"], problems);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Status_and_download_with_kind_image_generation_save_every_image_of_the_task()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());
        string[] connection = ["--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey];
        var created = await KlingRunner.RunAsync(["image-generation", "--prompt", "hi", "--n", "2", "--no-wait", "--json", .. connection]);
        var taskId = created.Json().GetProperty("task").GetProperty("task_id").GetString()!;

        var waited = await KlingRunner.RunAsync(["status", taskId, "--wait", "--kind", "image-generation", "--json", .. connection]);
        var downloaded = await KlingRunner.RunAsync(["download", taskId, "-o", _directory.Path, "--kind", "image-generation", .. connection]);

        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
        Assert.Equal([$"{taskId}-1.png", $"{taskId}-2.png"], SavedFiles());
    }
}
