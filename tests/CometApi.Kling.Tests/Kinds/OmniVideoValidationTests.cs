using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The omni-video rules (kling-catalogue §3.9), checked by the client before anything is sent: every refusal asserts
/// that no request left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class OmniVideoValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static OmniVideoRequest Valid(Action<OmniVideoRequest>? change = null)
    {
        var request = new OmniVideoRequest { Prompt = "A paper boat sails down a rainy street", AspectRatio = KlingAspectRatio.Landscape16x9 };
        change?.Invoke(request);
        return request;
    }

    private static KlingOmniImage Reference(int n = 1) => new() { Image = KlingImage.FromUrl(new Uri($"https://example.com/ref-{n}.png")) };

    private static KlingOmniImage Frame(KlingOmniImageType type) => new() { Image = KlingImage.FromUrl(new Uri($"https://example.com/{type}.png")), Type = type };

    private static KlingReferenceVideo Video(KlingVideoReferenceType? referenceType = null) =>
        new() { VideoUrl = new Uri("https://example.com/clip.mp4"), ReferenceType = referenceType ?? KlingVideoReferenceType.Feature };

    private static KlingOmniImage[] References(int count) => [.. Enumerable.Range(1, count).Select(Reference)];

    private static KlingElement[] Elements(int count) => [.. Enumerable.Range(1, count).Select(id => new KlingElement { ElementId = id })];

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

    private static async Task<KlingValidationException> RefusedAsync(OmniVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateOmniVideoAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(OmniVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateOmniVideoAsync(request, Token);
        Assert.Equal(KlingTaskKind.OmniVideo, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/videos/omni-video", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- prompt ----

    [Fact]
    public async Task Create_omni_video_rejects_a_missing_or_blank_prompt()
    {
        var missing = await RefusedAsync(Valid(request => request.Prompt = null));
        var blank = await RefusedAsync(Valid(request => request.Prompt = " "));

        Assert.Contains("prompt is required", Single(missing, "prompt").Message, StringComparison.Ordinal);
        Assert.Contains("blank", Single(blank, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_takes_no_prompt_for_a_customised_multi_shot_video()
    {
        var body = await AcceptedAsync(Valid(request =>
        {
            request.Prompt = null;
            request.MultiShot = true;
            request.ShotType = KlingShotType.Customize;
            request.Shots = [new KlingShot { Index = 1, Prompt = "the boat", Duration = KlingDuration.FromSeconds(2) }, new KlingShot { Index = 2, Prompt = "the drain", Duration = KlingDuration.FromSeconds(3) }];
        }));

        Assert.Null(body["prompt"]);
        Assert.True((bool)body["multi_shot"]!);
    }

    [Fact]
    public async Task Create_omni_video_accepts_a_prompt_of_2500_chars_and_rejects_2501()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 2500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 2501)));

        var problem = Single(error, "prompt");
        Assert.Contains("2501 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.OmniVideo.MaxPromptLength", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_prompt_limit_is_its_own_OmniVideo_MaxPromptLength_not_MaxPromptLength()
    {
        var limits = new KlingValidationLimits { OmniVideo = { MaxPromptLength = 10 }, MaxPromptLength = 5 };

        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 10)), limits);
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 11)), limits);

        Assert.Contains("the limit is 10", Single(error, "prompt").Message, StringComparison.Ordinal);
        Assert.Equal(2500, KlingValidationLimits.CreateOfficial().OmniVideo.MaxPromptLength);
    }

    // ---- video_list ----

    [Fact]
    public async Task Create_omni_video_rejects_more_than_one_reference_video()
    {
        var error = await RefusedAsync(Valid(request => request.Videos = [Video(), Video()]));

        Assert.Contains("at most 1", Single(error, "video_list").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ftp://example.com/clip.mp4")]
    [InlineData("clip.mp4")]
    public async Task Create_omni_video_rejects_a_reference_video_without_an_absolute_http_url(string? url)
    {
        var video = new KlingReferenceVideo { VideoUrl = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute), ReferenceType = KlingVideoReferenceType.Feature };

        var error = await RefusedAsync(Valid(request => request.Videos = [video]));

        Assert.Contains("video_url", Single(error, "video_list[0].video_url").Message, StringComparison.Ordinal);
    }

    // ---- counts: images + elements ----

    [Fact]
    public async Task Create_omni_video_accepts_7_images_and_elements_without_a_reference_video_and_rejects_8()
    {
        await AcceptedAsync(Valid(request => (request.Images, request.Elements) = (References(4), Elements(3))));
        var error = await RefusedAsync(Valid(request => (request.Images, request.Elements) = (References(5), Elements(3))));

        var problem = Single(error, "image_list");
        Assert.Contains("8 inputs", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at most 7 without a reference video", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_accepts_4_images_and_elements_with_a_reference_video_and_rejects_5()
    {
        await AcceptedAsync(Valid(request => (request.Images, request.Elements, request.Videos) = (References(2), Elements(2), [Video()])));
        var error = await RefusedAsync(Valid(request => (request.Images, request.Videos) = (References(5), [Video()])));

        Assert.Contains("at most 4 with a reference video", Single(error, "image_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_names_element_list_when_only_elements_break_the_count()
    {
        var error = await RefusedAsync(Valid(request => request.Elements = Elements(8)));

        Assert.Contains("8 inputs", Single(error, "element_list").Message, StringComparison.Ordinal);
    }

    // ---- frames ----

    [Fact]
    public async Task Create_omni_video_rejects_an_end_frame_without_a_first_frame()
    {
        var error = await RefusedAsync(Valid(request => request.Images = [Reference(), Frame(KlingOmniImageType.EndFrame)]));

        Assert.Contains("an end frame needs a first frame", Single(error, "image_list[1].type").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_accepts_a_first_and_an_end_frame()
    {
        var body = await AcceptedAsync(Valid(request => request.Images = [Frame(KlingOmniImageType.FirstFrame), Frame(KlingOmniImageType.EndFrame)]));

        Assert.Equal(["first_frame", "end_frame"], body["image_list"]!.AsArray().Select(item => (string?)item!["type"]));
    }

    [Fact]
    public async Task Create_omni_video_rejects_two_first_frames()
    {
        var error = await RefusedAsync(Valid(request => request.Images = [Frame(KlingOmniImageType.FirstFrame), Frame(KlingOmniImageType.FirstFrame)]));

        Assert.Contains("2 first frames", Single(error, "image_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_rejects_a_first_or_end_frame_with_a_base_video_but_not_with_a_feature_video()
    {
        var error = await RefusedAsync(Valid(request => (request.Images, request.Videos) = ([Frame(KlingOmniImageType.FirstFrame)], [Video(KlingVideoReferenceType.Base)])));
        await AcceptedAsync(Valid(request => (request.Images, request.Videos) = ([Frame(KlingOmniImageType.FirstFrame)], [Video(KlingVideoReferenceType.Feature)])));

        Assert.Contains("base video", Single(error, "image_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_checks_a_local_image_by_the_common_image_rule()
    {
        var small = new KlingOmniImage { Image = KlingImage.FromBytes(TestImages.Png(200, 400)) };
        var wide = new KlingOmniImage { Image = KlingImage.FromBytes(TestImages.Png(1000, 300)) };

        var error = await RefusedAsync(Valid(request => request.Images = [small, wide]));

        Assert.Equal(["image_list[0].image_url", "image_list[1].image_url"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("at least 300 px", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("aspect ratio", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_rejects_null_items_and_an_item_without_an_image()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Images = [null!, new KlingOmniImage { Type = KlingOmniImageType.FirstFrame }];
            request.Elements = [null!];
            request.Videos = [null!];
        }));

        Assert.Equal(["image_list[0]", "image_list[1].image_url", "element_list[0]", "video_list[0]"], error.Errors.Select(problem => problem.Path));
    }

    // ---- aspect_ratio ----

    [Fact]
    public async Task Create_omni_video_requires_aspect_ratio_unless_a_first_frame_or_a_base_video_sets_the_frame()
    {
        var error = await RefusedAsync(Valid(request => (request.AspectRatio, request.Images) = (null, [Reference()])));
        await AcceptedAsync(Valid(request => (request.AspectRatio, request.Images) = (null, [Frame(KlingOmniImageType.FirstFrame)])));
        await AcceptedAsync(Valid(request => (request.AspectRatio, request.Videos) = (null, [Video(KlingVideoReferenceType.Base)])));

        Assert.Contains("aspect_ratio is required", Single(error, "aspect_ratio").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4:3")]
    [InlineData("21:9")]
    public async Task Create_omni_video_rejects_an_aspect_ratio_outside_OmniVideo_AllowedAspectRatios(string ratio)
    {
        var error = await RefusedAsync(Valid(request => request.AspectRatio = ratio));

        Assert.Contains("KlingValidationLimits.OmniVideo.AllowedAspectRatios", Single(error, "aspect_ratio").Message, StringComparison.Ordinal);
    }

    // ---- duration ----

    [Theory]
    [InlineData("3")]
    [InlineData("7")]
    [InlineData("10")]
    public async Task Create_omni_video_accepts_3_to_10_seconds_with_a_reference(string seconds)
    {
        var body = await AcceptedAsync(Valid(request => (request.Images, request.Duration) = ([Reference()], new KlingDuration(seconds))));

        Assert.Equal(seconds, (string?)body["duration"]);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("11")]
    [InlineData("5.5")]
    public async Task Create_omni_video_rejects_a_duration_outside_3_to_10(string seconds)
    {
        var error = await RefusedAsync(Valid(request => (request.Images, request.Duration) = ([Reference()], new KlingDuration(seconds))));

        Assert.Contains("KlingValidationLimits.OmniVideo.AllowedDurations", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_takes_only_5_or_10_seconds_from_text_alone_or_a_first_frame_alone()
    {
        var text = await RefusedAsync(Valid(request => request.Duration = KlingDuration.FromSeconds(7)));
        var firstFrame = await RefusedAsync(Valid(request => (request.Images, request.Duration) = ([Frame(KlingOmniImageType.FirstFrame)], KlingDuration.FromSeconds(3))));
        await AcceptedAsync(Valid(request => request.Duration = KlingDuration.Ten));
        await AcceptedAsync(Valid(request => (request.Images, request.Duration) = ([Frame(KlingOmniImageType.FirstFrame), Reference()], KlingDuration.FromSeconds(3))));

        Assert.Contains("from text only", Single(text, "duration").Message, StringComparison.Ordinal);
        Assert.Contains("from a first frame alone", Single(firstFrame, "duration").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_with_official_limits_takes_up_to_15_seconds_for_kling_v3_omni()
    {
        var official = KlingValidationLimits.CreateOfficial();

        await AcceptedAsync(Valid(request => (request.ModelName, request.Duration) = (KlingModel.KlingV3Omni, KlingDuration.FromSeconds(15))), official);
        var error = await RefusedAsync(Valid(request => (request.Images, request.Duration) = ([Reference()], KlingDuration.FromSeconds(15))));

        Assert.Contains("KlingValidationLimits.OmniVideo.AllowedDurations", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    // ---- sound, mode and the rest ----

    [Fact]
    public async Task Create_omni_video_rejects_sound_on_with_a_reference_video_and_accepts_it_off()
    {
        var error = await RefusedAsync(Valid(request => (request.Videos, request.Sound) = ([Video()], KlingSound.On)));
        await AcceptedAsync(Valid(request => (request.Videos, request.Sound) = ([Video()], KlingSound.Off)));
        await AcceptedAsync(Valid(request => request.Sound = KlingSound.On));

        Assert.Contains("sound must be \"off\" with a reference video", Single(error, "sound").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_rejects_a_mode_outside_AllowedModes()
    {
        var error = await RefusedAsync(Valid(request => request.Mode = "turbo"));

        Assert.Contains("AllowedModes", Single(error, "mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_sends_mode_4k_with_kling_v3_omni_and_refuses_it_with_kling_o1()
    {
        var body = await AcceptedAsync(Valid(request => (request.ModelName, request.Mode) = (KlingModel.KlingV3Omni, KlingMode.FourK)));
        var o1 = await RefusedAsync(Valid(request => (request.ModelName, request.Mode) = (KlingModel.KlingVideoO1, KlingMode.FourK)));

        Assert.Equal(("kling-v3-omni", "4k"), ((string?)body["model_name"], (string?)body["mode"]));
        Assert.Contains("mode \"4k\" needs model_name \"kling-v3-omni\" (it is \"kling-video-o1\")", Single(o1, "mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_refuses_an_extra_field_that_repeats_a_typed_one_and_a_blank_external_id()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.ExternalTaskId = " ";
            request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["image_list"] = new JsonArray(), ["resolution"] = "1080p" };
            request.Images = [Reference()];
        }));

        Assert.Equal(["external_task_id", "image_list"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("OmniVideoRequest.AdditionalProperties has the key 'image_list'", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_omni_video_lists_every_problem_at_once()
    {
        var error = await RefusedAsync(new OmniVideoRequest
        {
            Prompt = new string('a', 2501),
            Images = [.. References(4), Frame(KlingOmniImageType.EndFrame)],
            Videos = [Video(KlingVideoReferenceType.Base), Video()],
            Mode = "turbo",
            Duration = "20",
            Sound = KlingSound.On,
            CallbackUrl = new Uri("/hook", UriKind.Relative),
        });

        Assert.Equal(
            ["prompt", "image_list[4].type", "video_list", "image_list", "image_list", "mode", "duration", "sound", "callback_url"],
            error.Errors.Select(problem => problem.Path));
    }
}
