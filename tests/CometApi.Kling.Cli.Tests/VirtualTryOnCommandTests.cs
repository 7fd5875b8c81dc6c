using System.Text.Json;
using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling virtual-try-on</c>: a person and a garment in, one JPEG out, through the same create → wait → download.</summary>
public sealed class VirtualTryOnCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>The names of the files saved in the test's folder (and below it), in order.</summary>
    private string[] SavedFiles() =>
        [.. Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(_directory.Path, file)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Without_a_key_it_uses_the_emulator_and_saves_a_genuine_jpeg_at_the_path_given()
    {
        var output = _directory.File("out.jpg");

        var run = await KlingRunner.RunAsync("virtual-try-on", "--human", KlingRunner.SampleImage, "--cloth", KlingRunner.SampleImage, "-o", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("built-in Kling emulator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Saved {output}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal([0xFF, 0xD8, 0xFF], (await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken))[..3]);
        Assert.Equal(["out.jpg"], SavedFiles());
    }

    [Fact]
    public async Task Its_options_reach_the_try_on_body_with_local_images_as_raw_base64_and_a_url_as_is()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "virtual-try-on", "--human", KlingRunner.SampleImage, "--cloth", "https://example.com/shirt.png", "--model", "kolors-virtual-try-on-v1-5",
            "--no-wait", "--json", "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("virtual-try-on", run.Json().GetProperty("task").GetProperty("kind").GetString());
        var create = Assert.Single(server.Emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("images/kolors-virtual-try-on", create.Route);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal("kolors-virtual-try-on-v1-5", body.RootElement.GetProperty("model_name").GetString());
        Assert.Equal("https://example.com/shirt.png", body.RootElement.GetProperty("cloth_image").GetString());
        Assert.Equal(
            Convert.ToBase64String(await File.ReadAllBytesAsync(KlingRunner.SampleImage, TestContext.Current.CancellationToken)),
            body.RootElement.GetProperty("human_image").GetString());
    }

    [Fact]
    public async Task Without_cloth_it_is_a_usage_error_and_nothing_is_sent()
    {
        await using var server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

        var run = await KlingRunner.RunAsync(
            "virtual-try-on", "--human", KlingRunner.SampleImage, "--base-address", server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cloth", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }
}
