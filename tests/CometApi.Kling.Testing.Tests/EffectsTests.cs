using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The effects kind (docs/kling-catalogue.md section 3.5): the emulator's own request checks (each refusal is 400 with
/// code 1201 and makes no task), the same life cycle on its own route with videos that carry no duration, and the SDK's
/// client through it.
/// </summary>
public class EffectsTests
{
    private const string Route = "kling/v1/videos/effects";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static JsonObject SingleImage(string scene = "squish", params (string Name, JsonNode? Value)[] input)
    {
        var fields = new JsonObject { ["image"] = "https://example.com/cat.png" };
        foreach (var (name, value) in input)
        {
            fields[name] = value;
        }

        return new JsonObject { ["effect_scene"] = scene, ["input"] = fields };
    }

    private static JsonObject TwoPeople(string scene = "hug", params (string Name, JsonNode? Value)[] input)
    {
        var fields = new JsonObject { ["images"] = new JsonArray("https://example.com/left.png", TestImages.PngBase64()) };
        foreach (var (name, value) in input)
        {
            fields[name] = value;
        }

        return new JsonObject { ["effect_scene"] = scene, ["input"] = fields };
    }

    private static async Task<RawApi.Answer> CreateAsync(string json)
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator) { RoutePath = Route };
        var answer = await api.CreateAsync(json);
        if (answer.Status != 200)
        {
            Assert.Empty(emulator.Tasks);
        }

        return answer;
    }

    private static async Task AssertRefusedAsync(JsonObject body, string messagePart)
    {
        var answer = await CreateAsync(body.ToJsonString());
        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
    }

    private static async Task AssertAcceptedAsync(JsonObject body)
    {
        var answer = await CreateAsync(body.ToJsonString());
        Assert.True(answer.Status == 200, answer.Text);
    }

    // ---- the checker ----

    [Fact]
    public async Task Effects_accepts_CometAPIs_documented_bodies_for_both_scene_families()
    {
        await AssertAcceptedAsync(TwoPeople("hug", ("model_name", "kling-v1-6"), ("mode", "std"), ("duration", "10")));
        await AssertAcceptedAsync(SingleImage("expansion", ("model_name", "kling-v1-6"), ("duration", "5")));
        var withIds = SingleImage();
        withIds["callback_url"] = "https://example.com/hook";
        withIds["external_task_id"] = "fx-1";
        await AssertAcceptedAsync(withIds);
    }

    [Fact]
    public async Task Effects_requires_a_scene_and_an_input()
    {
        await AssertRefusedAsync(new JsonObject { ["input"] = new JsonObject { ["image"] = "https://example.com/cat.png" } }, "effect_scene is required");
        await AssertRefusedAsync(SingleImage(" "), "invalid effect_scene: empty");
        await AssertRefusedAsync(new JsonObject { ["effect_scene"] = "squish" }, "input is required");
        await AssertRefusedAsync(new JsonObject { ["effect_scene"] = "squish", ["input"] = "cat.png" }, "invalid input: must be an object");
    }

    [Fact]
    public async Task Effects_takes_exactly_one_of_input_image_and_input_images()
    {
        await AssertRefusedAsync(new JsonObject { ["effect_scene"] = "squish", ["input"] = new JsonObject { ["duration"] = "5" } }, "invalid input: image or images is required");
        var both = TwoPeople("rocket_launch");
        both["input"]!["image"] = "https://example.com/cat.png";
        await AssertRefusedAsync(both, "image and images are mutually exclusive");
    }

    [Theory]
    [InlineData("hug")]
    [InlineData("kiss")]
    [InlineData("heart_gesture")]
    [InlineData("hug_pro")]
    public async Task Effects_refuses_a_two_person_scene_with_one_image(string scene)
    {
        await AssertRefusedAsync(SingleImage(scene), $"invalid input.image: effect_scene {scene} is a two-person scene");
    }

    [Theory]
    [InlineData("fuzzyfuzzy")]
    [InlineData("squish")]
    [InlineData("expansion")]
    public async Task Effects_refuses_a_single_image_scene_with_two_images(string scene)
    {
        await AssertRefusedAsync(TwoPeople(scene), $"invalid input.images: effect_scene {scene} is a single-image scene");
    }

    [Fact]
    public async Task Effects_accepts_a_scene_it_does_not_know_with_either_shape()
    {
        await AssertAcceptedAsync(SingleImage("rocket_launch"));
        await AssertAcceptedAsync(TwoPeople("rocket_launch"));
    }

    [Fact]
    public async Task Effects_wants_exactly_two_people_each_under_the_common_image_rule()
    {
        var three = TwoPeople();
        three["input"]!["images"] = new JsonArray("https://example.com/a.png", "https://example.com/b.png", "https://example.com/c.png");
        await AssertRefusedAsync(three, "invalid input.images: 3 images, must be exactly 2");
        var small = TwoPeople();
        small["input"]!["images"] = new JsonArray("https://example.com/a.png", TestImages.PngBase64(200, 200));
        await AssertRefusedAsync(small, "invalid input.images[1]: the image is 200x200 px");
        await AssertRefusedAsync(SingleImage("squish", ("image", "data:image/png;base64," + TestImages.PngBase64())), "invalid input.image: send the raw base64");
        await AssertRefusedAsync(SingleImage("squish", ("image", TestImages.PngBase64(1000, 300))), "invalid input.image: the aspect ratio 1000:300");
    }

    [Fact]
    public async Task Effects_takes_input_duration_5_or_10_as_a_string_and_checks_mode_and_model()
    {
        await AssertRefusedAsync(TwoPeople("hug", ("duration", "7")), "invalid input.duration: '7' is not one of");
        await AssertRefusedAsync(TwoPeople("hug", ("duration", 5)), "invalid input.duration: must be a string");
        await AssertRefusedAsync(TwoPeople("hug", ("mode", "max")), "invalid input.mode: 'max' must be std or pro");
        await AssertRefusedAsync(TwoPeople("hug", ("model_name", "kling-v9")), "invalid input.model_name: 'kling-v9' is not a known model");
        await AssertAcceptedAsync(TwoPeople("hug", ("duration", "10")));
    }

    // ---- the life cycle on its own route ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Effects_task_succeeds_with_a_downloadable_mp4_reported_without_a_duration(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);
        var created = await api.CreateAsync(TwoPeople("hug", ("duration", "10")).ToJsonString());
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(created.TaskId);

        Assert.Equal(("submitted", "succeed"), (created.TaskStatus, done.TaskStatus));
        Assert.Equal("videos/effects", Assert.Single(door.Emulator.Tasks).Route);
        var video = Assert.Single(done.Data.GetProperty("task_result").GetProperty("videos").EnumerateArray());
        Assert.Equal(["id", "url"], video.EnumerateObject().Select(property => property.Name));
        using var download = door.Download();
        using var response = await download.GetAsync(video.GetProperty("url").GetString(), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task An_effects_task_posts_its_callbacks_without_a_duration_in_the_video()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator) { RoutePath = Route };
        var body = SingleImage();
        body["callback_url"] = "https://receiver.example/fx";
        await api.CreateAsync(body.ToJsonString());
        var token = TestContext.Current.CancellationToken;

        await emulator.WaitForCallbacksAsync(token);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await emulator.WaitForCallbacksAsync(token);

        var last = JsonDocument.Parse(receiver.Received.Last().Body).RootElement;
        Assert.Equal("succeed", last.GetProperty("task_status").GetString());
        Assert.False(last.GetProperty("task_result").GetProperty("videos")[0].TryGetProperty("duration", out _));
    }

    // ---- the SDK's client through the emulator ----

    [Fact]
    public async Task KlingClient_creates_waits_for_and_downloads_a_two_person_effect_with_local_images()
    {
        var token = TestContext.Current.CancellationToken;
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(50),
            ProcessingDuration = TimeSpan.FromMilliseconds(150),
        });
        var client = emulator.CreateClient();
        var output = Path.Combine(Path.GetTempPath(), "kling-fx-" + Guid.NewGuid().ToString("N") + ".mp4");
        try
        {
            var created = await client.CreateEffectsAsync(
                new EffectsRequest
                {
                    EffectScene = KlingEffectScene.Hug,
                    Input = new KlingEffectInput
                    {
                        Images = [KlingImage.FromBytes(TestImages.Png(400, 600)), KlingImage.FromBase64(TestImages.PngBase64(600, 400))],
                        Duration = KlingDuration.Five,
                        Mode = KlingMode.Standard,
                        ModelName = KlingModel.KlingV16,
                    },
                },
                token);
            var done = await client.WaitForCompletionAsync(created, MultiImageToVideoTests.Fast(), token);
            var files = await client.DownloadResultsAsync(done, KlingOutput.File(output), cancellationToken: token);

            Assert.Equal((KlingTaskKind.Effects, KlingTaskStatus.Succeeded), (done.Data.Kind, done.Data.TaskStatus));
            Assert.Null(Assert.Single(done.Data.TaskResult!.Videos).Duration);
            var bytes = await File.ReadAllBytesAsync(Assert.Single(files), token);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task KlingClient_refuses_a_single_image_for_hug_before_the_emulator_would()
    {
        using var emulator = new KlingEmulator();
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateEffectsAsync(
            new EffectsRequest { EffectScene = KlingEffectScene.Hug, Input = new KlingEffectInput { Image = KlingImage.FromBytes(TestImages.Png(400, 400)) } },
            TestContext.Current.CancellationToken));

        Assert.Equal("input.image", Assert.Single(error.Errors).Path);
        Assert.Empty(emulator.Requests);
    }
}
