using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The image-generation rules (kling-catalogue §4.1), checked by the client before anything is sent: every refusal
/// asserts that no request left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class ImageGenerationValidationTests
{
    private static readonly Uri ReferenceUrl = new("https://example.com/fox.png");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ImageGenerationRequest Valid(Action<ImageGenerationRequest>? change = null)
    {
        var request = new ImageGenerationRequest { Prompt = "A red fox in fresh snow" };
        change?.Invoke(request);
        return request;
    }

    private static (KlingClient Client, CapturingHandler Handler) Client(KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options =>
        {
            if (limits is not null)
            {
                options.ValidationLimits = limits;
            }
        });
        return (client, handler);
    }

    private static async Task<KlingValidationException> RefusedAsync(ImageGenerationRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageGenerationAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(ImageGenerationRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateImageGenerationAsync(request, Token);
        Assert.Equal(KlingTaskKind.ImageGeneration, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/images/generations", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- prompt and negative prompt ----

    [Fact]
    public async Task Create_image_generation_rejects_a_missing_prompt()
    {
        var error = await RefusedAsync(new ImageGenerationRequest { ImageCount = 2 });

        Assert.Contains("required", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \t")]
    public async Task Create_image_generation_rejects_an_empty_or_blank_prompt(string prompt)
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = prompt));

        Assert.Contains("blank", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_accepts_a_prompt_of_500_chars_and_rejects_501()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 501)));

        Assert.Contains("KlingValidationLimits.MaxPromptLength", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_takes_the_official_2500_char_prompt_under_official_limits()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 2500)), KlingValidationLimits.CreateOfficial());
    }

    [Fact]
    public async Task Create_image_generation_rejects_negative_prompt_over_200_chars()
    {
        var error = await RefusedAsync(Valid(request => request.NegativePrompt = new string('b', 201)));

        Assert.Contains("KlingValidationLimits.MaxNegativePromptLength", Single(error, "negative_prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_negative_prompt_with_a_reference_image()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.NegativePrompt = "blur";
            request.Image = KlingImage.FromUrl(ReferenceUrl);
        }));

        Assert.Contains("not supported with image", Single(error, "negative_prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_accepts_negative_prompt_without_an_image()
    {
        var body = await AcceptedAsync(Valid(request => request.NegativePrompt = "blur"));

        Assert.Equal("blur", (string?)body["negative_prompt"]);
    }

    // ---- reference image ----

    [Fact]
    public async Task Create_image_generation_rejects_a_local_image_under_300_px()
    {
        var error = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestImages.Png(299, 600))));

        Assert.Contains("at least 300 px", Single(error, "image").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_a_local_image_outside_1_to_2_5_aspect_ratio()
    {
        var error = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestImages.Png(1300, 500))));

        Assert.Contains("aspect ratio", Single(error, "image").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_a_local_image_over_10_MB()
    {
        var error = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestImages.Png(640, 480, totalLength: (10 * 1024 * 1024) + 1))));

        Assert.Contains("KlingValidationLimits.MaxImageBytes", Single(error, "image").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_a_local_file_that_is_not_jpeg_or_png()
    {
        var error = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes("GIF89a-not-an-accepted-format"u8.ToArray())));

        Assert.Equal("image", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public async Task Create_image_generation_rejects_image_reference_without_image()
    {
        var error = await RefusedAsync(Valid(request => request.ImageReference = KlingImageReference.Face));

        Assert.Contains("needs image", Single(error, "image_reference").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_an_unknown_image_reference()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.ImageReference = "body";
        }));

        Assert.Contains("\"subject\", \"face\"", Single(error, "image_reference").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public async Task Create_image_generation_rejects_image_fidelity_outside_0_to_1(double fidelity)
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.ImageFidelity = fidelity;
        }));

        Assert.Contains("from 0 to 1", Single(error, "image_fidelity").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public async Task Create_image_generation_accepts_fidelities_at_0_and_1(double fidelity)
    {
        var body = await AcceptedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.ImageReference = KlingImageReference.Subject;
            request.ImageFidelity = fidelity;
            request.HumanFidelity = fidelity;
        }));

        Assert.Equal(fidelity, (double?)body["human_fidelity"]);
    }

    [Fact]
    public async Task Create_image_generation_rejects_human_fidelity_outside_0_to_1()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.ImageReference = KlingImageReference.Subject;
            request.HumanFidelity = 2;
        }));

        Assert.Contains("from 0 to 1", Single(error, "human_fidelity").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_human_fidelity_with_a_face_reference()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.ImageReference = KlingImageReference.Face;
            request.HumanFidelity = 0.5;
        }));

        Assert.Contains("only with image_reference \"subject\"", Single(error, "human_fidelity").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_human_fidelity_without_a_reference()
    {
        var error = await RefusedAsync(Valid(request => request.HumanFidelity = 0.5));

        Assert.Equal("human_fidelity", Assert.Single(error.Errors).Path);
    }

    // ---- elements ----

    [Fact]
    public async Task Create_image_generation_accepts_ten_elements_without_an_image()
    {
        var body = await AcceptedAsync(Valid(request => request.Elements = Elements(10)));

        Assert.Equal(10, body["element_list"]!.AsArray().Count);
    }

    [Fact]
    public async Task Create_image_generation_rejects_ten_elements_with_a_reference_image()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Image = KlingImage.FromUrl(ReferenceUrl);
            request.Elements = Elements(10);
        }));

        Assert.Contains("at most 10 together", Single(error, "element_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_eleven_elements()
    {
        var error = await RefusedAsync(Valid(request => request.Elements = Elements(11)));

        Assert.Contains("11 elements", Single(error, "element_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_rejects_a_null_element()
    {
        var error = await RefusedAsync(Valid(request => request.Elements = [new KlingElement { ElementId = 1 }, null!]));

        Assert.Equal("element_list[1]", Assert.Single(error.Errors).Path);
    }

    // ---- n, resolution, aspect ratio ----

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public async Task Create_image_generation_accepts_n_from_1_to_9(int n)
    {
        var body = await AcceptedAsync(Valid(request => request.ImageCount = n));

        Assert.Equal(n, (int?)body["n"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10)]
    public async Task Create_image_generation_rejects_n_outside_1_to_9(int n)
    {
        var error = await RefusedAsync(Valid(request => request.ImageCount = n));

        Assert.Contains("KlingValidationLimits.ImageGeneration.MaxImageCount", Single(error, "n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_n_limit_is_the_ImageGeneration_limits_MaxImageCount()
    {
        var limits = new KlingValidationLimits { ImageGeneration = { MaxImageCount = 4 } };

        await AcceptedAsync(Valid(request => request.ImageCount = 4), limits);
        await RefusedAsync(Valid(request => request.ImageCount = 5), limits);
    }

    [Fact]
    public void Image_limits_that_cannot_be_used_are_refused_naming_each()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(new KlingValidationLimits { ImageGeneration = { MaxImageCount = 0, AllowedAspectRatios = null! } }));

        Assert.Contains("KlingValidationLimits.ImageGeneration.MaxImageCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.ImageGeneration.AllowedAspectRatios", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_limits_are_copied_so_later_changes_to_the_callers_object_do_not_reach_the_validator()
    {
        var limits = new KlingValidationLimits { ImageGeneration = { MaxImageCount = 4 } };
        var validator = new KlingRequestValidator(limits);

        limits.ImageGeneration.MaxImageCount = 9;
        limits.ImageGeneration.AllowedAspectRatios.Add("5:4");

        Assert.Equal("n", Assert.Single(validator.Validate(Valid(request => request.ImageCount = 5))).Path);
        Assert.Equal("aspect_ratio", Assert.Single(validator.Validate(Valid(request => request.AspectRatio = "5:4"))).Path);
    }

    [Theory]
    [InlineData("1k")]
    [InlineData("2k")]
    public async Task Create_image_generation_accepts_resolution_1k_and_2k(string resolution)
    {
        var body = await AcceptedAsync(Valid(request => request.Resolution = resolution));

        Assert.Equal(resolution, (string?)body["resolution"]);
    }

    [Fact]
    public async Task Create_image_generation_rejects_a_resolution_other_than_1k_or_2k()
    {
        var error = await RefusedAsync(Valid(request => request.Resolution = "4k"));

        Assert.Contains("\"1k\", \"2k\"", Single(error, "resolution").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    [InlineData("3:2")]
    [InlineData("2:3")]
    public async Task Create_image_generation_accepts_cometapis_seven_aspect_ratios(string ratio)
    {
        var body = await AcceptedAsync(Valid(request => request.AspectRatio = ratio));

        Assert.Equal(ratio, (string?)body["aspect_ratio"]);
    }

    [Fact]
    public async Task Create_image_generation_rejects_21_9_under_cometapi_limits_and_accepts_it_under_official_ones()
    {
        var error = await RefusedAsync(Valid(request => request.AspectRatio = "21:9"));
        await AcceptedAsync(Valid(request => request.AspectRatio = "21:9"), KlingValidationLimits.CreateOfficial());

        Assert.Contains("KlingValidationLimits.ImageGeneration.AllowedAspectRatios", Single(error, "aspect_ratio").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_aspect_ratios_are_the_ImageGeneration_limits_not_the_video_list()
    {
        var limits = new KlingValidationLimits { AllowedAspectRatios = new HashSet<string> { "16:9" }, ImageGeneration = { AllowedAspectRatios = new HashSet<string> { "1:1" } } };

        await AcceptedAsync(Valid(request => request.AspectRatio = "1:1"), limits);
        await RefusedAsync(Valid(request => request.AspectRatio = "16:9"), limits);
    }

    // ---- ids, extras, all at once ----

    [Fact]
    public async Task Create_image_generation_rejects_a_relative_callback_url_and_a_blank_external_task_id()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.CallbackUrl = new Uri("/hook", UriKind.Relative);
            request.ExternalTaskId = " ";
        }));

        Assert.Equal(["callback_url", "external_task_id"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public async Task Create_image_generation_rejects_an_extra_field_that_repeats_a_typed_one()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.ImageCount = 2;
            request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["n"] = 3 };
        }));

        Assert.Contains("ImageGenerationRequest.AdditionalProperties has the key 'n'", Single(error, "n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_reports_every_problem_at_once_in_field_order()
    {
        var error = await RefusedAsync(new ImageGenerationRequest
        {
            NegativePrompt = "blur",
            Image = KlingImage.FromBytes(TestImages.Png(200, 200)),
            ImageReference = "body",
            ImageFidelity = 3,
            HumanFidelity = 0.5,
            Elements = Elements(10),
            Resolution = "8k",
            ImageCount = 12,
            AspectRatio = "5:4",
        });

        Assert.Equal(
            ["prompt", "negative_prompt", "image", "image_reference", "image_fidelity", "human_fidelity", "element_list", "resolution", "n", "aspect_ratio"],
            error.Errors.Select(problem => problem.Path));
    }

    private static KlingElement[] Elements(int count) => [.. Enumerable.Range(1, count).Select(id => new KlingElement { ElementId = id })];
}
