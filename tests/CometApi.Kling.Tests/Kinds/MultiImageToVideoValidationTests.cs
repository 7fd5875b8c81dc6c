using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The multi-image-to-video rules (kling-catalogue §3.2), checked by the client before anything is sent: every refusal
/// asserts that no request left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class MultiImageToVideoValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingImageListItem Item(string name) => new() { Image = KlingImage.FromUrl(new Uri($"https://example.com/{name}.png")) };

    private static KlingImageListItem Local(byte[] image) => new() { Image = KlingImage.FromBytes(image) };

    private static KlingImageListItem[] Items(int count) => Enumerable.Range(1, count).Select(i => Item("image-" + i)).ToArray();

    private static MultiImageToVideoRequest Valid(Action<MultiImageToVideoRequest>? change = null)
    {
        var request = new MultiImageToVideoRequest { Images = Items(2), Prompt = "The cat and the dog meet in the park" };
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

    /// <summary>Creates through the client, expects a refusal, and checks that nothing was sent.</summary>
    private static async Task<KlingValidationException> RefusedAsync(MultiImageToVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateMultiImageToVideoAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    /// <summary>Creates through the client and checks that exactly one create went out; returns its body.</summary>
    private static async Task<JsonObject> AcceptedAsync(MultiImageToVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateMultiImageToVideoAsync(request, Token);
        Assert.Equal(KlingTaskKind.MultiImageToVideo, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/videos/multi-image2video", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- image_list ----

    [Fact]
    public async Task Create_multi_image2video_rejects_a_missing_image_list()
    {
        var error = await RefusedAsync(Valid(request => request.Images = null));

        var problem = Single(error, "image_list");
        Assert.Contains("required", problem.Message, StringComparison.Ordinal);
        Assert.Contains("2 to 4", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Create_multi_image2video_accepts_2_to_4_images(int count)
    {
        var body = await AcceptedAsync(Valid(request => request.Images = Items(count)));

        Assert.Equal(count, body["image_list"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Create_multi_image2video_rejects_fewer_than_2_or_more_than_4_images_on_CometAPI(int count)
    {
        var error = await RefusedAsync(Valid(request => request.Images = Items(count)));

        var problem = Single(error, "image_list");
        Assert.Contains($"has {count} image", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.MultiImageToVideo.MinImageCount, MultiImageToVideo.MaxImageCount", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_with_official_limits_accepts_one_image_but_not_five()
    {
        var official = KlingValidationLimits.CreateOfficial();

        await AcceptedAsync(Valid(request => request.Images = Items(1)), official);
        var error = await RefusedAsync(Valid(request => request.Images = Items(5)), official);

        Assert.Contains("1 to 4", Single(error, "image_list").Message, StringComparison.Ordinal);
        Assert.Equal((1, 4), (official.MultiImageToVideo.MinImageCount, official.MultiImageToVideo.MaxImageCount));
        Assert.Equal((2, 4), (new KlingValidationLimits().MultiImageToVideo.MinImageCount, new KlingValidationLimits().MultiImageToVideo.MaxImageCount));
    }

    [Fact]
    public async Task Create_multi_image2video_image_count_is_the_MultiImageToVideo_limits_MinImageCount_and_MaxImageCount()
    {
        var limits = new KlingValidationLimits { MultiImageToVideo = { MinImageCount = 3, MaxImageCount = 3 } };

        await AcceptedAsync(Valid(request => request.Images = Items(3)), limits);
        var two = await RefusedAsync(Valid(request => request.Images = Items(2)), limits);

        Assert.Contains("it must have 3 to 3", Single(two, "image_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_rejects_a_null_item_and_an_item_without_an_image()
    {
        var error = await RefusedAsync(Valid(request => request.Images = [Item("a"), null!, new KlingImageListItem()]));

        Assert.Equal(["image_list[1]", "image_list[2].image"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("null", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("required", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_accepts_local_jpeg_and_png_images_that_follow_the_common_image_rule()
    {
        var body = await AcceptedAsync(Valid(request => request.Images = [Local(TestImages.Png(300, 750)), Local(TestImages.Jpeg(1280, 720))]));

        Assert.Equal(Convert.ToBase64String(TestImages.Png(300, 750)), (string?)body["image_list"]![0]!["image"]);
    }

    [Fact]
    public async Task Create_multi_image2video_checks_each_local_image_under_its_own_path()
    {
        var error = await RefusedAsync(Valid(request => request.Images =
        [
            Local(TestImages.Png(299, 400)),
            Local(TestImages.Png(1000, 300, totalLength: (10 * 1024 * 1024) + 1)),
            Local("GIF89a\x01\x02"u8.ToArray()),
            Local(TestImages.Jpeg(1000, 300)),
        ]));

        Assert.Equal(["image_list[0].image", "image_list[1].image", "image_list[1].image", "image_list[2].image", "image_list[3].image"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("MinImageDimension", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("MaxImageBytes", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("MaxImageAspectRatio", error.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("MaxImageAspectRatio", error.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_reports_a_missing_image_file_with_the_other_problems()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kling-missing-" + Guid.NewGuid().ToString("N") + ".png");

        var error = await RefusedAsync(Valid(request =>
        {
            request.Images = [Item("a"), new KlingImageListItem { Image = KlingImage.FromFile(missing) }];
            request.Prompt = null;
        }));

        Assert.Equal(["image_list[1].image", "prompt"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("cannot be read", error.Errors[0].Message, StringComparison.Ordinal);
    }

    // ---- prompt and negative_prompt ----

    [Fact]
    public async Task Create_multi_image2video_rejects_a_missing_prompt()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = null));

        Assert.Contains("required", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Create_multi_image2video_rejects_an_empty_or_blank_prompt(string prompt)
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = prompt));

        Assert.Contains("blank", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_accepts_a_prompt_of_500_chars_and_rejects_prompt_over_500_chars()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 501)));

        Assert.Contains("MaxPromptLength", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_with_official_limits_accepts_a_prompt_of_2500_chars()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 2500)), KlingValidationLimits.CreateOfficial());
        await RefusedAsync(Valid(request => request.Prompt = new string('a', 2501)), KlingValidationLimits.CreateOfficial());
    }

    [Fact]
    public async Task Create_multi_image2video_rejects_negative_prompt_over_200_chars()
    {
        await AcceptedAsync(Valid(request => request.NegativePrompt = new string('n', 200)));
        var error = await RefusedAsync(Valid(request => request.NegativePrompt = new string('n', 201)));

        Assert.Contains("MaxNegativePromptLength", Single(error, "negative_prompt").Message, StringComparison.Ordinal);
    }

    // ---- mode, duration, aspect_ratio, cfg_scale ----

    [Fact]
    public async Task Create_multi_image2video_accepts_std_pro_5_and_10_and_rejects_other_modes_and_durations()
    {
        await AcceptedAsync(Valid(request => (request.Mode, request.Duration) = (KlingMode.Standard, KlingDuration.Five)));
        await AcceptedAsync(Valid(request => (request.Mode, request.Duration) = (KlingMode.Pro, KlingDuration.Ten)));
        var error = await RefusedAsync(Valid(request => (request.Mode, request.Duration) = ("4k", "7")));

        Assert.Equal(["mode", "duration"], error.Errors.Select(problem => problem.Path));
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    public async Task Create_multi_image2video_accepts_the_official_aspect_ratios(string ratio)
    {
        var body = await AcceptedAsync(Valid(request => request.AspectRatio = ratio), KlingValidationLimits.CreateOfficial());

        Assert.Equal(ratio, (string?)body["aspect_ratio"]);
    }

    [Fact]
    public async Task Create_multi_image2video_rejects_an_aspect_ratio_outside_AllowedAspectRatios()
    {
        var error = await RefusedAsync(Valid(request => request.AspectRatio = "21:9"));

        Assert.Contains("AllowedAspectRatios", Single(error, "aspect_ratio").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_multi_image2video_rejects_cfg_scale_outside_0_to_1_and_with_a_kling_v2_model()
    {
        await AcceptedAsync(Valid(request => request.CfgScale = 1));
        var range = await RefusedAsync(Valid(request => request.CfgScale = 1.5));
        var v2 = await RefusedAsync(Valid(request => (request.ModelName, request.CfgScale) = (KlingModel.KlingV21, 0.5)));

        Assert.Contains("MinCfgScale", Single(range, "cfg_scale").Message, StringComparison.Ordinal);
        Assert.Contains("kling-v2.x", Single(v2, "cfg_scale").Message, StringComparison.Ordinal);
    }

    // ---- callback_url, external_task_id, extra fields ----

    [Fact]
    public async Task Create_multi_image2video_rejects_a_callback_url_that_is_not_http_and_a_blank_external_task_id()
    {
        var error = await RefusedAsync(Valid(request => (request.CallbackUrl, request.ExternalTaskId) = (new Uri("ftp://example.com/hook"), " ")));

        Assert.Equal(["callback_url", "external_task_id"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public async Task Create_multi_image2video_rejects_an_extra_field_that_repeats_a_typed_field_that_is_set()
    {
        var error = await RefusedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?>
        {
            ["image_list"] = new JsonArray(),
            ["static_mask"] = "https://example.com/mask.png",
        }));

        Assert.Contains("MultiImageToVideoRequest.AdditionalProperties has the key 'image_list'", Single(error, "image_list").Message, StringComparison.Ordinal);
    }

    // ---- everything at once, and the validator on its own ----

    [Fact]
    public async Task Create_multi_image2video_reports_every_problem_at_once_in_field_order()
    {
        var error = await RefusedAsync(new MultiImageToVideoRequest
        {
            Images = [Item("a")],
            NegativePrompt = new string('n', 201),
            Mode = "turbo",
            Duration = "7",
            AspectRatio = "21:9",
            CfgScale = -1,
            CallbackUrl = new Uri("/hook", UriKind.Relative),
            ExternalTaskId = "",
        });

        Assert.Equal(
            ["image_list", "prompt", "negative_prompt", "mode", "duration", "aspect_ratio", "cfg_scale", "callback_url", "external_task_id"],
            error.Errors.Select(problem => problem.Path));
        Assert.StartsWith("The request has 9 problems; nothing was sent:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KlingRequestValidator_checks_a_multi_image2video_request_like_the_client_without_any_client()
    {
        var errors = new KlingRequestValidator().Validate(new MultiImageToVideoRequest { Images = Items(5) });
        var none = new KlingRequestValidator().Validate(Valid());

        Assert.Equal(["image_list", "prompt"], errors.Select(problem => problem.Path));
        Assert.Empty(none);
        Assert.Equal(KlingTaskKind.MultiImageToVideo, Valid().Kind);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(3, 2)]
    public void Validator_rejects_unusable_multi_image_counts(int min, int max)
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(new KlingValidationLimits { MultiImageToVideo = { MinImageCount = min, MaxImageCount = max } }));

        Assert.Contains("KlingValidationLimits.MultiImageToVideo.MinImageCount and MaxImageCount must satisfy", error.Message, StringComparison.Ordinal);
    }
}
