using System.Drawing;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Extensions.AI.Tests.Infrastructure;
using CometApi.Kling.Testing;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using GenerationRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace CometApi.Kling.Extensions.AI.Tests;

/// <summary>What the generator sends for each option, read from the body the emulator received.</summary>
public class RequestMappingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> SentBodyAsync(GenerationRequest request, ImageGenerationOptions? options = null)
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator, ImageGenerationResponseFormat.Uri);
        await generator.GenerateAsync(request, options, Token);
        return Emulated.CreateBody(emulator);
    }

    [Theory]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1792, 1024, "16:9")]
    [InlineData(1920, 1080, "16:9")]
    [InlineData(2560, 1080, "16:9")]
    [InlineData(1080, 1920, "9:16")]
    [InlineData(1024, 1536, "2:3")]
    [InlineData(1536, 1024, "3:2")]
    [InlineData(1200, 900, "4:3")]
    [InlineData(900, 1200, "3:4")]
    [InlineData(1100, 1000, "1:1")]
    public async Task An_image_size_is_sent_as_the_nearest_kling_aspect_ratio(int width, int height, string expected)
    {
        var body = await SentBodyAsync(new GenerationRequest("A lighthouse"), new ImageGenerationOptions { ImageSize = new Size(width, height) });

        Assert.Equal(expected, body.GetProperty("aspect_ratio").GetString());
    }

    [Fact]
    public async Task An_explicit_aspect_ratio_in_the_additional_properties_wins_over_the_image_size()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions { ImageSize = new Size(1024, 1024), AdditionalProperties = new() { ["aspect_ratio"] = "3:2" } });

        Assert.Equal("3:2", body.GetProperty("aspect_ratio").GetString());
    }

    [Fact]
    public async Task Without_a_size_or_aspect_ratio_none_is_sent()
    {
        var body = await SentBodyAsync(new GenerationRequest("A lighthouse"));

        Assert.Equal(["prompt"], body.EnumerateObject().Select(property => property.Name).Where(name => name != "external_task_id"));
    }

    [Fact]
    public async Task A_reference_image_given_as_bytes_is_sent_as_raw_base64()
    {
        var png = TestImages.Png(320, 320);

        var body = await SentBodyAsync(new GenerationRequest("The same lighthouse at night", [new DataContent(png, "image/png")]));

        var sent = body.GetProperty("image").GetString()!;
        Assert.False(sent.StartsWith("data:", StringComparison.Ordinal), "Kling refuses data: URIs.");
        Assert.Equal(Convert.ToBase64String(png), sent);
    }

    [Fact]
    public async Task A_reference_image_given_as_a_data_uri_is_sent_as_raw_base64_too()
    {
        var png = TestImages.Png(320, 320);
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(png);

        var body = await SentBodyAsync(new GenerationRequest("The same lighthouse at night", [new DataContent(dataUri)]));

        Assert.Equal(Convert.ToBase64String(png), body.GetProperty("image").GetString());
    }

    [Fact]
    public async Task A_reference_image_given_as_a_link_is_sent_as_that_url()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("The same lighthouse at night", [new UriContent(new Uri("https://example.com/lighthouse.png"), "image/png")]));

        Assert.Equal("https://example.com/lighthouse.png", body.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Kling_only_fields_pass_through_the_additional_properties_with_their_wire_types()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("A lighthouse", [new UriContent(new Uri("https://example.com/face.png"), "image/png")]),
            new ImageGenerationOptions
            {
                AdditionalProperties = new()
                {
                    ["image_reference"] = "subject",
                    ["image_fidelity"] = 0.8,
                    ["human_fidelity"] = "0.3",
                    ["resolution"] = "2k",
                    ["watermark"] = true,
                    ["callback_url"] = "https://example.com/hook",
                    ["external_task_id"] = "order-7",
                    ["element_list"] = new long[] { 11, 12 },
                },
            });

        Assert.Equal("subject", body.GetProperty("image_reference").GetString());
        Assert.Equal(0.8, body.GetProperty("image_fidelity").GetDouble());
        Assert.Equal(0.3, body.GetProperty("human_fidelity").GetDouble());
        Assert.Equal("2k", body.GetProperty("resolution").GetString());
        Assert.True(body.GetProperty("watermark_info").GetProperty("enabled").GetBoolean());
        Assert.Equal("https://example.com/hook", body.GetProperty("callback_url").GetString());
        Assert.Equal("order-7", body.GetProperty("external_task_id").GetString());
        Assert.Equal([11L, 12L], body.GetProperty("element_list").EnumerateArray().Select(element => element.GetProperty("element_id").GetInt64()));
    }

    [Fact]
    public async Task A_negative_prompt_passes_through_for_a_text_only_generation()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions { AdditionalProperties = new() { ["negative_prompt"] = "people, boats" } });

        Assert.Equal("people, boats", body.GetProperty("negative_prompt").GetString());
    }

    [Fact]
    public async Task Additional_properties_read_from_json_are_understood_like_clr_values()
    {
        var options = JsonSerializer.Deserialize(
            """{ "count": 2, "additionalProperties": { "aspect_ratio": "9:16", "image_fidelity": 0.4, "watermark_info": { "enabled": false } } }""",
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ImageGenerationOptions))) as ImageGenerationOptions;

        var body = await SentBodyAsync(new GenerationRequest("A lighthouse"), options);

        Assert.Equal(2, body.GetProperty("n").GetInt32());
        Assert.Equal("9:16", body.GetProperty("aspect_ratio").GetString());
        Assert.Equal(0.4, body.GetProperty("image_fidelity").GetDouble());
        Assert.False(body.GetProperty("watermark_info").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Unknown_additional_properties_are_written_to_the_body_as_they_are()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions
            {
                AdditionalProperties = new()
                {
                    ["future_flag"] = true,
                    ["future_number"] = 7,
                    ["future_object"] = new JsonObject { ["style"] = "ink" },
                    ["ignored_when_null"] = null,
                },
            });

        Assert.True(body.GetProperty("future_flag").GetBoolean());
        Assert.Equal(7, body.GetProperty("future_number").GetInt32());
        Assert.Equal("ink", body.GetProperty("future_object").GetProperty("style").GetString());
        Assert.False(body.TryGetProperty("ignored_when_null", out _));
    }

    [Fact]
    public async Task A_kling_request_from_the_raw_representation_factory_is_the_starting_point_and_its_fields_win()
    {
        var body = await SentBodyAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions
            {
                Count = 2,
                ModelId = "kling-v2-1",
                RawRepresentationFactory = _ => new CometApi.Kling.ImageGenerationRequest { ModelName = KlingModel.KlingV3, Resolution = KlingImageResolution.TwoK },
            });

        Assert.Equal("A lighthouse", body.GetProperty("prompt").GetString());
        Assert.Equal(2, body.GetProperty("n").GetInt32());
        Assert.Equal("kling-v3", body.GetProperty("model_name").GetString());
        Assert.Equal("2k", body.GetProperty("resolution").GetString());
    }
}
