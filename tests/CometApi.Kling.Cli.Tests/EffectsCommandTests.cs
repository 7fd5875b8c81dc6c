using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling effects</c>: a scene and one <c>--image</c> (single-image scenes) or two (two-person scenes), then the same create → wait → download.</summary>
public sealed class EffectsCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_key_it_applies_a_single_image_effect_on_the_emulator_and_saves_a_genuine_mp4()
    {
        var output = _directory.File("squish.mp4");

        var run = await KlingRunner.RunAsync("effects", "--scene", "squish", "--image", KlingRunner.SampleImage, "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Json_prints_the_effects_task_and_the_file_saved_in_the_given_folder()
    {
        var run = await KlingRunner.RunAsync("effects", "--scene", "hug", "--image", KlingRunner.SampleImage, "--image", KlingRunner.SampleImage, "-o", _directory.Path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var task = run.Json().GetProperty("task");
        Assert.Equal("effects", task.GetProperty("kind").GetString());
        Assert.Equal("succeed", task.GetProperty("task_status").GetString());
        Assert.True(File.Exists(Path.Combine(_directory.Path, $"{task.GetProperty("task_id").GetString()}.mp4")));
    }

    [Fact]
    public async Task Its_options_reach_input_with_two_images_as_the_two_people()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "effects", "--scene", "kiss", "--image", KlingRunner.SampleImage, "--image", "https://example.com/right.png", "--duration", "10",
            "--mode", "std", "--model", "kling-v1-6", "--external-id", "fx-9", "--callback-url", "https://example.com/hook",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("videos/effects", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        var fields = body.RootElement;
        Assert.Equal("kiss", fields.GetProperty("effect_scene").GetString());
        var input = fields.GetProperty("input");
        Assert.False(input.TryGetProperty("image", out _));
        Assert.Equal(
            [Convert.ToBase64String(await File.ReadAllBytesAsync(KlingRunner.SampleImage, TestContext.Current.CancellationToken)), "https://example.com/right.png"],
            input.GetProperty("images").EnumerateArray().Select(image => image.GetString()));
        Assert.Equal("10", input.GetProperty("duration").GetString());
        Assert.Equal("std", input.GetProperty("mode").GetString());
        Assert.Equal("kling-v1-6", input.GetProperty("model_name").GetString());
        Assert.Equal("fx-9", fields.GetProperty("external_task_id").GetString());
        Assert.Equal("https://example.com/hook", fields.GetProperty("callback_url").GetString());
        Assert.Contains("--kind effects", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_image_is_sent_as_input_image()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "effects", "--scene", "expansion", "--image", "https://example.com/cat.png", "--no-wait",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var body = JsonDocument.Parse(Assert.Single(server.Emulator.Requests).Body);
        Assert.Equal("""{"image":"https://example.com/cat.png"}""", body.RootElement.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task A_two_person_scene_with_one_image_sends_nothing_and_exits_2()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "effects", "--scene", "hug", "--image", KlingRunner.SampleImage, "--duration", "7",
            "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("  - input.image: effect_scene \"hug\" is a two-person scene", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  - input.duration:", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Three_images_are_refused_with_json()
    {
        var run = await KlingRunner.RunAsync(
            "effects", "--scene", "hug", "--image", KlingRunner.SampleImage, "--image", KlingRunner.SampleImage, "--image", KlingRunner.SampleImage, "--json");

        Assert.Equal(2, run.ExitCode);
        var error = run.Json().GetProperty("error");
        Assert.Equal("validation", error.GetProperty("kind").GetString());
        Assert.Equal("input.images", Assert.Single(error.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Without_a_scene_it_is_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("effects", "--image", KlingRunner.SampleImage);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--scene", run.Stderr, StringComparison.Ordinal);
    }
}
