using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The multi-image2video kind (docs/kling-catalogue.md section 3.2): the emulator's own request checks (each refusal is
/// 400 with code 1201 and makes no task), the same life cycle on its own route, and the SDK's client through it.
/// </summary>
public class MultiImageToVideoTests
{
    private const string Route = "kling/v1/videos/multi-image2video";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static JsonObject Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject
        {
            ["image_list"] = new JsonArray(new JsonObject { ["image"] = "https://example.com/cat.png" }, new JsonObject { ["image"] = TestImages.PngBase64() }),
            ["prompt"] = "the cat and the dog meet",
        };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    private static JsonArray Images(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["image"] = $"https://example.com/{i}.png" })]);

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
    public async Task Multi_image2video_accepts_a_body_with_every_documented_field()
    {
        await AssertAcceptedAsync(Body(
            ("model_name", "kling-v1-6"),
            ("negative_prompt", "blur"),
            ("mode", "pro"),
            ("duration", "10"),
            ("aspect_ratio", "9:16"),
            ("cfg_scale", 0.5),
            ("watermark_info", new JsonObject { ["enabled"] = true }),
            ("callback_url", "https://example.com/hook"),
            ("external_task_id", "mi-1"),
            ("some_future_field", 1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Multi_image2video_accepts_2_to_4_images(int count)
    {
        await AssertAcceptedAsync(Body(("image_list", Images(count))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Multi_image2video_refuses_fewer_than_2_or_more_than_4_images(int count)
    {
        await AssertRefusedAsync(Body(("image_list", Images(count))), $"invalid image_list: {count} images, must be 2 to 4");
    }

    [Fact]
    public async Task Multi_image2video_requires_image_list_as_an_array_of_objects_with_an_image()
    {
        await AssertRefusedAsync(new JsonObject { ["prompt"] = "p" }, "image_list is required");
        await AssertRefusedAsync(Body(("image_list", "https://example.com/cat.png")), "invalid image_list: must be an array");
        await AssertRefusedAsync(Body(("image_list", new JsonArray("https://example.com/a.png", "https://example.com/b.png"))), "invalid image_list[0]: must be an object");
        await AssertRefusedAsync(Body(("image_list", new JsonArray(new JsonObject { ["image"] = "https://example.com/a.png" }, new JsonObject()))), "invalid image_list[1].image: required");
    }

    [Fact]
    public async Task Multi_image2video_holds_each_image_to_the_common_image_rule()
    {
        await AssertRefusedAsync(
            Body(("image_list", new JsonArray(new JsonObject { ["image"] = "https://example.com/a.png" }, new JsonObject { ["image"] = "data:image/png;base64," + TestImages.PngBase64() }))),
            "invalid image_list[1].image: send the raw base64");
        await AssertRefusedAsync(
            Body(("image_list", new JsonArray(new JsonObject { ["image"] = TestImages.PngBase64(200, 400) }, new JsonObject { ["image"] = "https://example.com/b.png" }))),
            "invalid image_list[0].image: the image is 200x400 px");
        await AssertRefusedAsync(
            Body(("image_list", new JsonArray(new JsonObject { ["image"] = TestImages.PngBase64(1000, 300) }, new JsonObject { ["image"] = "https://example.com/b.png" }))),
            "invalid image_list[0].image: the aspect ratio 1000:300");
    }

    [Fact]
    public async Task Multi_image2video_requires_a_prompt_of_at_most_500_characters()
    {
        await AssertRefusedAsync(new JsonObject { ["image_list"] = Images(2) }, "prompt is required");
        await AssertRefusedAsync(Body(("prompt", " ")), "invalid prompt: empty");
        await AssertRefusedAsync(Body(("prompt", new string('a', 501))), "invalid prompt: 501 characters, the limit is 500");
        await AssertAcceptedAsync(Body(("prompt", new string('a', 500))));
    }

    [Fact]
    public async Task Multi_image2video_refuses_an_aspect_ratio_outside_the_official_three_and_a_numeric_duration()
    {
        await AssertRefusedAsync(Body(("aspect_ratio", "4:3")), "invalid aspect_ratio: '4:3' is not one of 16:9, 9:16, 1:1");
        await AssertRefusedAsync(Body(("duration", 5)), "invalid duration: must be a string");
        await AssertRefusedAsync(Body(("cfg_scale", 2)), "invalid cfg_scale");
        await AssertRefusedAsync(Body(("model_name", "kling-v3"), ("mode", "4k")), "invalid mode: '4k' must be std or pro");
    }

    [Fact]
    public async Task Multi_image2video_refuses_a_single_image_body_meant_for_image2video()
    {
        await AssertRefusedAsync(Body(("image", "https://example.com/cat.png")), "invalid image: multi-image2video takes its images in image_list");
    }

    // ---- the life cycle on its own route ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Multi_image2video_task_goes_submitted_processing_succeed_and_reports_a_downloadable_mp4_with_its_duration(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);
        var created = await api.CreateAsync(Body(("external_task_id", "mi-7"), ("duration", "10")).ToJsonString());

        _clock.Advance(TimeSpan.FromSeconds(1));
        var processing = await api.QueryAsync(created.TaskId);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var done = await api.QueryByExternalIdAsync("mi-7");

        Assert.Equal(("submitted", "processing", "succeed"), (created.TaskStatus, processing.TaskStatus, done.TaskStatus));
        Assert.Equal("videos/multi-image2video", Assert.Single(door.Emulator.Tasks).Route);
        var video = Assert.Single(done.Data.GetProperty("task_result").GetProperty("videos").EnumerateArray());
        Assert.Equal("10.1", video.GetProperty("duration").GetString());
        using var download = door.Download();
        using var response = await download.GetAsync(video.GetProperty("url").GetString(), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task A_multi_image2video_task_is_found_only_on_its_own_route()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var mine = new RawApi(emulator) { RoutePath = Route };
        using var i2v = new RawApi(emulator);
        var id = (await mine.CreateAsync(Body().ToJsonString())).TaskId;

        var elsewhere = await i2v.QueryAsync(id);

        Assert.Equal((404, 1203), (elsewhere.Status, elsewhere.Code));
        Assert.Equal(200, (await mine.QueryAsync(id)).Status);
        Assert.Single((await mine.ListAsync()).Data.EnumerateArray());
    }

    // ---- the SDK's client through the emulator ----

    [Fact]
    public async Task KlingClient_creates_waits_for_and_downloads_a_multi_image2video_task_with_local_images()
    {
        var token = TestContext.Current.CancellationToken;
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(50),
            ProcessingDuration = TimeSpan.FromMilliseconds(150),
        });
        var client = emulator.CreateClient();
        var output = Path.Combine(Path.GetTempPath(), "kling-mi2v-" + Guid.NewGuid().ToString("N") + ".mp4");
        try
        {
            var created = await client.CreateMultiImageToVideoAsync(
                new MultiImageToVideoRequest
                {
                    Images =
                    [
                        new KlingImageListItem { Image = KlingImage.FromBytes(TestImages.Png(640, 480)) },
                        new KlingImageListItem { Image = KlingImage.FromStream(new MemoryStream(TestImages.Png(480, 640))) },
                        new KlingImageListItem { Image = KlingImage.FromUrl(new Uri("https://example.com/third.png")) },
                    ],
                    Prompt = "three friends meet",
                    ModelName = KlingModel.KlingV16,
                    Mode = KlingMode.Standard,
                    Duration = KlingDuration.Five,
                },
                token);
            var done = await client.WaitForCompletionAsync(created, Fast(), token);
            var files = await client.DownloadResultsAsync(done, KlingOutput.File(output), cancellationToken: token);

            Assert.Equal((KlingTaskKind.MultiImageToVideo, KlingTaskStatus.Succeeded), (done.Data.Kind, done.Data.TaskStatus));
            Assert.Equal("5.1", Assert.Single(done.Data.TaskResult!.Videos).Duration);
            var bytes = await File.ReadAllBytesAsync(Assert.Single(files), token);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
            using var sent = JsonDocument.Parse(emulator.Requests.First(request => request.Endpoint == KlingEmulatorEndpoint.Create).Body);
            Assert.Equal(TestImages.PngBase64(640, 480), sent.RootElement.GetProperty("image_list")[0].GetProperty("image").GetString());
        }
        finally
        {
            File.Delete(output);
        }
    }

    internal static KlingWaitOptions Fast() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(20),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };
}
