using CometApi.Kling.Extensions.AI.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI.Tests;

/// <summary>Prompt and count in, that many images out, as links or bytes, through <see cref="IImageGenerator"/> only.</summary>
public class GenerateImagesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prompt_and_count_give_that_many_images_as_links_when_uri_is_asked_for()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var response = await generator.GenerateImagesAsync(
            "A lighthouse at dawn", new ImageGenerationOptions { Count = 3, ResponseFormat = ImageGenerationResponseFormat.Uri }, Token);

        var links = response.Contents.Select(content => Assert.IsType<UriContent>(content)).ToArray();
        Assert.Equal(3, links.Length);
        Assert.All(links, link =>
        {
            Assert.Equal(emulator.BaseAddress.Authority, link.Uri.Authority);
            Assert.Equal("image/png", link.MediaType);
        });
        Assert.Equal(3, links.Select(link => link.Uri).Distinct().Count());
        var body = Emulated.CreateBody(emulator);
        Assert.Equal("A lighthouse at dawn", body.GetProperty("prompt").GetString());
        Assert.Equal(3, body.GetProperty("n").GetInt32());
        // Links are not downloaded.
        Assert.DoesNotContain(emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Video);
    }

    [Fact]
    public async Task Prompt_and_count_give_that_many_png_images_as_bytes_when_data_is_asked_for()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var response = await generator.GenerateImagesAsync(
            "A lighthouse at dawn", new ImageGenerationOptions { Count = 2, ResponseFormat = ImageGenerationResponseFormat.Data }, Token);

        var images = response.Contents.Select(content => Assert.IsType<DataContent>(content)).ToArray();
        Assert.Equal(2, images.Length);
        Assert.All(images, image =>
        {
            Assert.Equal("image/png", image.MediaType);
            Assert.True(Emulated.IsPng(image.Data.Span), "The bytes are a PNG file.");
            Assert.True(image.Data.Length > 100);
        });
        Assert.Equal(2, Emulated.CreateBody(emulator).GetProperty("n").GetInt32());
        var taskId = Assert.IsType<TaskResponse>(response.RawRepresentation).Data.TaskId;
        Assert.Equal([$"{taskId}-1.png", $"{taskId}-2.png"], images.Select(image => image.Name));
    }

    [Fact]
    public async Task Images_returned_as_bytes_save_to_a_folder_under_the_task_id()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);
        var folder = Directory.CreateTempSubdirectory("kling-meai-").FullName;
        try
        {
            var response = await generator.GenerateImagesAsync("A lighthouse at dawn", cancellationToken: Token);

            var saved = await Assert.IsType<DataContent>(Assert.Single(response.Contents)).SaveToAsync(folder, Token);

            var taskId = Assert.IsType<TaskResponse>(response.RawRepresentation).Data.TaskId;
            Assert.Equal(Path.Combine(folder, taskId + ".png"), saved);
            Assert.True(Emulated.IsPng(await File.ReadAllBytesAsync(saved, Token)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_response_format_the_images_come_back_as_bytes()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var response = await generator.GenerateImagesAsync("A lighthouse at dawn", cancellationToken: Token);

        var image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.True(Emulated.IsPng(image.Data.Span));
        // No count: n is omitted, so the service's default (1) applies.
        Assert.False(Emulated.CreateBody(emulator).TryGetProperty("n", out _));
    }

    [Fact]
    public async Task The_generators_default_response_format_applies_when_a_call_does_not_choose()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator, ImageGenerationResponseFormat.Uri);

        var response = await generator.GenerateImagesAsync("A lighthouse at dawn", cancellationToken: Token);

        Assert.IsType<UriContent>(Assert.Single(response.Contents));
    }

    [Fact]
    public async Task The_finished_task_is_the_responses_raw_representation()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var response = await generator.GenerateImagesAsync(
            "A lighthouse at dawn", new ImageGenerationOptions { Count = 2, ResponseFormat = ImageGenerationResponseFormat.Uri }, Token);

        var task = Assert.IsType<TaskResponse>(response.RawRepresentation);
        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.ImageGeneration, task.Data.Kind);
        Assert.Equal(
            task.Data.TaskResult!.Images.OrderBy(image => image.Index).Select(image => image.Url),
            response.Contents.Cast<UriContent>().Select(content => content.Uri));
    }

    [Fact]
    public async Task Images_come_back_as_png_bytes_over_the_emulators_loopback_server_too()
    {
        await using var server = await KlingEmulator.StartServerAsync(Emulated.Options(), cancellationToken: Token);
        using var generator = Emulated.Generator(server.CreateClient());

        var response = await generator.GenerateImagesAsync("A lighthouse at dawn", new ImageGenerationOptions { Count = 2 }, Token);

        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, content => Assert.True(Emulated.IsPng(Assert.IsType<DataContent>(content).Data.Span)));
    }

    [Fact]
    public async Task A_model_id_is_sent_as_model_name_and_the_generators_default_model_when_none_is_given()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = emulator.CreateClient().AsIImageGenerator(new KlingImageGeneratorOptions { Wait = Emulated.FastWait(), DefaultModelId = "kling-v3" });

        await generator.GenerateImagesAsync("A lighthouse at dawn", new ImageGenerationOptions { ModelId = "kling-v2-1", ResponseFormat = ImageGenerationResponseFormat.Uri }, Token);
        await generator.GenerateImagesAsync("A lighthouse at dusk", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Uri }, Token);

        var models = emulator.Requests
            .Where(request => request.Endpoint == KlingEmulatorEndpoint.Create)
            .Select(request => System.Text.Json.JsonDocument.Parse(request.BodyText).RootElement.GetProperty("model_name").GetString());
        Assert.Equal(["kling-v2-1", "kling-v3"], models);
    }
}
