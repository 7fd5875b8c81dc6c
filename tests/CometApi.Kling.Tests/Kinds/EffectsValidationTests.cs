using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The video-effects rules (kling-catalogue §3.5), checked by the client before anything is sent: a scene, and an input
/// of one image or exactly two people whose shape matches a scene the sources name. Every refusal asserts that no request
/// left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class EffectsValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingImage Url(string name) => KlingImage.FromUrl(new Uri($"https://example.com/{name}.png"));

    private static EffectsRequest Single(KlingEffectScene scene, Action<KlingEffectInput>? change = null)
    {
        var input = new KlingEffectInput { Image = Url("cat") };
        change?.Invoke(input);
        return new EffectsRequest { EffectScene = scene, Input = input };
    }

    private static EffectsRequest Pair(KlingEffectScene scene, Action<KlingEffectInput>? change = null)
    {
        var input = new KlingEffectInput { Images = [Url("left"), Url("right")] };
        change?.Invoke(input);
        return new EffectsRequest { EffectScene = scene, Input = input };
    }

    private static (KlingClient Client, CapturingHandler Handler) Client()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler), handler);
    }

    /// <summary>Creates through the client, expects a refusal, and checks that nothing was sent.</summary>
    private static async Task<KlingValidationException> RefusedAsync(EffectsRequest request)
    {
        var (client, handler) = Client();
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateEffectsAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    /// <summary>Creates through the client and checks that exactly one create went out; returns its body.</summary>
    private static async Task<JsonObject> AcceptedAsync(EffectsRequest request)
    {
        var (client, handler) = Client();
        var created = await client.CreateEffectsAsync(request, Token);
        Assert.Equal(KlingTaskKind.Effects, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/videos/effects", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Only(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- effect_scene and input ----

    [Fact]
    public async Task Create_effects_rejects_a_missing_effect_scene()
    {
        var error = await RefusedAsync(new EffectsRequest { Input = new KlingEffectInput { Image = Url("cat") } });

        Assert.Contains("required", Only(error, "effect_scene").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Create_effects_rejects_a_blank_effect_scene(string scene)
    {
        var error = await RefusedAsync(Single(scene));

        Assert.Contains("blank", Only(error, "effect_scene").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_rejects_a_missing_input()
    {
        var error = await RefusedAsync(new EffectsRequest { EffectScene = KlingEffectScene.Squish });

        Assert.Contains("required", Only(error, "input").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_rejects_an_input_with_neither_image_nor_images()
    {
        var error = await RefusedAsync(new EffectsRequest { EffectScene = KlingEffectScene.Squish, Input = new KlingEffectInput { Duration = KlingDuration.Five } });

        Assert.Contains("input.image or input.images is required", Only(error, "input").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_rejects_an_input_with_both_image_and_images()
    {
        var error = await RefusedAsync(Pair("new_scene", input => input.Image = Url("third")));

        Assert.Contains("cannot be combined", Only(error, "input.images").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public async Task Create_effects_rejects_images_that_are_not_exactly_two(int count)
    {
        var error = await RefusedAsync(Pair("new_scene", input => input.Images = Enumerable.Range(0, count).Select(i => Url("p" + i)).ToArray()));

        Assert.Contains($"has {count} image", Only(error, "input.images").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_rejects_a_null_person()
    {
        var error = await RefusedAsync(Pair(KlingEffectScene.Hug, input => input.Images = [Url("left"), null!]));

        Assert.Contains("null", Only(error, "input.images[1]").Message, StringComparison.Ordinal);
    }

    // ---- the scene's shape ----

    [Theory]
    [InlineData("hug")]
    [InlineData("kiss")]
    [InlineData("heart_gesture")]
    [InlineData("hug_pro")]
    [InlineData("kiss_pro")]
    [InlineData("heart_gesture_pro")]
    [InlineData("fight_pro")]
    [InlineData("pet_skateboard")]
    public async Task Create_effects_rejects_a_two_person_scene_given_one_image(string scene)
    {
        var error = await RefusedAsync(Single(scene));

        var problem = Only(error, "input.image");
        Assert.Contains($"\"{scene}\" is a two-person scene", problem.Message, StringComparison.Ordinal);
        Assert.Contains("exactly 2", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fuzzyfuzzy")]
    [InlineData("squish")]
    [InlineData("expansion")]
    public async Task Create_effects_rejects_a_single_image_scene_given_two_images(string scene)
    {
        var error = await RefusedAsync(Pair(scene));

        Assert.Contains($"\"{scene}\" is a single-image scene", Only(error, "input.images").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hug")]
    [InlineData("kiss")]
    [InlineData("heart_gesture")]
    [InlineData("hug_pro")]
    public async Task Create_effects_accepts_a_two_person_scene_with_two_images(string scene)
    {
        var body = await AcceptedAsync(Pair(scene));

        Assert.Equal(scene, (string?)body["effect_scene"]);
        Assert.Equal(2, body["input"]!["images"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("fuzzyfuzzy")]
    [InlineData("squish")]
    [InlineData("expansion")]
    public async Task Create_effects_accepts_a_single_image_scene_with_one_image(string scene)
    {
        var body = await AcceptedAsync(Single(scene));

        Assert.Equal("https://example.com/cat.png", (string?)body["input"]!["image"]);
    }

    [Fact]
    public async Task Create_effects_sends_a_scene_it_does_not_know_with_either_shape()
    {
        // The service owns the scene list and changes it: an unknown scene is its to judge.
        await AcceptedAsync(Single("rocket_launch"));
        await AcceptedAsync(Pair("rocket_launch"));
    }

    [Fact]
    public async Task Create_effects_compares_scenes_as_sent()
    {
        // "HUG" is not a documented spelling: it is left to the service, like any unknown scene.
        await AcceptedAsync(Single("HUG"));
    }

    // ---- images ----

    [Fact]
    public async Task Create_effects_checks_a_local_image_against_the_common_image_rule()
    {
        var error = await RefusedAsync(Single(KlingEffectScene.Squish, input => input.Image = KlingImage.FromBytes(TestImages.Png(200, 200))));

        Assert.Contains("MinImageDimension", Only(error, "input.image").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_checks_each_local_person_under_its_own_path()
    {
        var error = await RefusedAsync(Pair(KlingEffectScene.Hug, input => input.Images =
        [
            KlingImage.FromBytes(TestImages.Jpeg(1000, 300)),
            KlingImage.FromBytes("GIF89a\x01\x02"u8.ToArray()),
        ]));

        Assert.Equal(["input.images[0]", "input.images[1]"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("MaxImageAspectRatio", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_accepts_local_people_that_follow_the_common_image_rule()
    {
        var body = await AcceptedAsync(Pair(KlingEffectScene.Hug, input => input.Images = [KlingImage.FromBytes(TestImages.Png(300, 300)), KlingImage.FromBytes(TestImages.Jpeg(750, 300))]));

        Assert.Equal(Convert.ToBase64String(TestImages.Png(300, 300)), (string?)body["input"]!["images"]![0]);
    }

    // ---- duration and mode ----

    [Theory]
    [InlineData("5")]
    [InlineData("10")]
    public async Task Create_effects_accepts_a_duration_of_5_or_10(string duration)
    {
        var body = await AcceptedAsync(Pair(KlingEffectScene.Hug, input => input.Duration = duration));

        Assert.Equal(duration, (string?)body["input"]!["duration"]);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("15")]
    public async Task Create_effects_rejects_another_duration(string duration)
    {
        var error = await RefusedAsync(Pair(KlingEffectScene.Hug, input => input.Duration = duration));

        Assert.Contains("\"5\" or \"10\"", Only(error, "input.duration").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_does_not_require_a_duration()
    {
        var body = await AcceptedAsync(Single(KlingEffectScene.Squish));

        Assert.False(body["input"]!.AsObject().ContainsKey("duration"));
    }

    [Fact]
    public async Task Create_effects_rejects_a_mode_outside_AllowedModes()
    {
        var error = await RefusedAsync(Pair(KlingEffectScene.Hug, input => input.Mode = "turbo"));

        Assert.Contains("AllowedModes", Only(error, "input.mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_effects_rejects_mode_4k_even_with_kling_v3_as_effects_make_no_4k()
    {
        var error = await RefusedAsync(Pair(KlingEffectScene.Hug, input => (input.ModelName, input.Mode) = (KlingModel.KlingV3, KlingMode.FourK)));

        Assert.Contains("input.mode \"4k\" is not accepted here", Only(error, "input.mode").Message, StringComparison.Ordinal);
    }

    // ---- callback_url, external_task_id, extra fields ----

    [Fact]
    public async Task Create_effects_rejects_a_relative_callback_url_and_a_control_character_in_external_task_id()
    {
        var request = Single(KlingEffectScene.Squish);
        request.CallbackUrl = new Uri("/hook", UriKind.Relative);
        request.ExternalTaskId = "fx\t1";

        var error = await RefusedAsync(request);

        Assert.Equal(["callback_url", "external_task_id"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public async Task Create_effects_rejects_an_extra_field_that_repeats_a_typed_field_that_is_set()
    {
        var request = Single(KlingEffectScene.Squish);
        request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["input"] = new JsonObject(), ["callback_url"] = "https://example.com" };

        var error = await RefusedAsync(request);

        Assert.Contains("EffectsRequest.AdditionalProperties has the key 'input'", Only(error, "input").Message, StringComparison.Ordinal);
    }

    // ---- everything at once ----

    [Fact]
    public async Task Create_effects_reports_every_problem_at_once_in_field_order()
    {
        var error = await RefusedAsync(new EffectsRequest
        {
            EffectScene = KlingEffectScene.Kiss,
            Input = new KlingEffectInput { Image = KlingImage.FromBytes(TestImages.Png(100, 100)), Duration = "3", Mode = "max" },
            CallbackUrl = new Uri("ftp://example.com/hook"),
            ExternalTaskId = " ",
        });

        Assert.Equal(
            ["input.image", "input.image", "input.duration", "input.mode", "callback_url", "external_task_id"],
            error.Errors.Select(problem => problem.Path));
        Assert.StartsWith("The request has 6 problems; nothing was sent:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KlingRequestValidator_checks_an_effects_request_like_the_client_without_any_client()
    {
        var errors = new KlingRequestValidator().Validate(new EffectsRequest());
        var none = new KlingRequestValidator().Validate(Pair(KlingEffectScene.Hug));

        Assert.Equal(["effect_scene", "input"], errors.Select(problem => problem.Path));
        Assert.Empty(none);
        Assert.Equal(KlingTaskKind.Effects, new EffectsRequest().Kind);
    }
}
