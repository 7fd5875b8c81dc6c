using System.Drawing;
using CometApi.Kling.Extensions.AI.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.AI;
using GenerationRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace CometApi.Kling.Extensions.AI.Tests;

/// <summary>Requests that cannot be mapped or break a documented limit are refused before anything is sent.</summary>
public class ValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<KlingValidationException> RefusedAsync(GenerationRequest request, ImageGenerationOptions? options = null)
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => generator.GenerateAsync(request, options, Token));

        Assert.Empty(emulator.Requests);
        return error;
    }

    [Fact]
    public async Task A_prompt_over_500_characters_is_refused_before_sending()
    {
        var error = await RefusedAsync(new GenerationRequest(new string('a', 501)));

        Assert.Contains(error.Errors, problem => problem.Path == "prompt");
    }

    [Fact]
    public async Task A_missing_prompt_is_refused_before_sending()
    {
        var error = await RefusedAsync(new GenerationRequest());

        Assert.Contains(error.Errors, problem => problem.Path == "prompt");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task A_count_outside_1_to_9_is_refused_before_sending(int count)
    {
        var error = await RefusedAsync(new GenerationRequest("A lighthouse"), new ImageGenerationOptions { Count = count });

        Assert.Contains(error.Errors, problem => problem.Path == "n");
    }

    [Fact]
    public async Task More_than_one_original_image_is_refused_rather_than_one_silently_used()
    {
        var error = await RefusedAsync(new GenerationRequest(
            "Both lighthouses",
            [new UriContent(new Uri("https://example.com/a.png"), "image/png"), new UriContent(new Uri("https://example.com/b.png"), "image/png")]));

        Assert.Equal("request.OriginalImages", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public async Task An_original_image_that_is_not_an_image_is_refused()
    {
        var error = await RefusedAsync(new GenerationRequest("A lighthouse", [new DataContent(new byte[] { 1, 2, 3 }, "audio/mpeg")]));

        Assert.Equal("request.OriginalImages[0]", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public async Task Every_unmappable_option_is_reported_at_once_by_its_key()
    {
        var error = await RefusedAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions
            {
                ImageSize = new Size(0, 100),
                AdditionalProperties = new()
                {
                    ["image_fidelity"] = "high",
                    ["watermark"] = "yes please",
                    ["callback_url"] = "not a url",
                    ["n"] = 4,
                    ["model_name"] = "kling-v3",
                },
            });

        Assert.Equal(
            [
                "options.AdditionalProperties[\"callback_url\"]",
                "options.AdditionalProperties[\"image_fidelity\"]",
                "options.AdditionalProperties[\"model_name\"]",
                "options.AdditionalProperties[\"n\"]",
                "options.AdditionalProperties[\"watermark\"]",
                "options.ImageSize",
            ],
            error.Errors.Select(problem => problem.Path).Order(StringComparer.Ordinal));
        Assert.Contains(error.Errors, problem => problem.Message.Contains("ImageGenerationOptions.Count", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kling_limit_broken_through_the_additional_properties_is_refused_before_sending()
    {
        var error = await RefusedAsync(
            new GenerationRequest("A lighthouse"),
            new ImageGenerationOptions { AdditionalProperties = new() { ["image_fidelity"] = 1.5 } });

        Assert.Contains(error.Errors, problem => problem.Path == "image_fidelity");
    }
}
