using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The omni-video kind (docs/kling-catalogue.md section 3.9): its own request checks, read straight from the JSON, and
/// the SDK's client making an omni video from local and URL inputs down to a playable MP4.
/// </summary>
public class OmniVideoTests
{
    private const string Route = "kling/v1/videos/omni-video";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static JsonObject Image(string? type = null, string url = "https://example.com/a.png")
    {
        var image = new JsonObject { ["image_url"] = url };
        if (type is not null)
        {
            image["type"] = type;
        }

        return image;
    }

    private static JsonObject Video(string referType = "feature") =>
        new() { ["video_url"] = "https://example.com/clip.mp4", ["refer_type"] = referType, ["keep_original_sound"] = "no" };

    private static JsonArray Images(int count) => [.. Enumerable.Range(0, count).Select(_ => (JsonNode)Image())];

    private static JsonArray Elements(int count) => [.. Enumerable.Range(1, count).Select(id => (JsonNode)new JsonObject { ["element_id"] = id })];

    private static string Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["prompt"] = "a paper boat on a rainy street", ["aspect_ratio"] = "16:9" };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body.ToJsonString();
    }

    private static KlingWaitOptions Fast() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(20),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void The_emulator_serves_the_omni_video_route()
    {
        Assert.Contains("videos/omni-video", KlingEmulator.Routes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Omni_video_accepts_every_documented_field_and_succeeds_with_a_video(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);

        var created = await api.CreateAsync(Body(
            ("model_name", "kling-video-o1"),
            ("image_list", new JsonArray(Image(), Image("first_frame"))),
            ("element_list", Elements(1)),
            ("video_list", new JsonArray(Video())),
            ("mode", "pro"),
            ("duration", "7"),
            ("sound", "off"),
            ("watermark_info", new JsonObject { ["enabled"] = true }),
            ("callback_url", "https://example.com/hook"),
            ("external_task_id", "omni-1")));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await api.QueryByExternalIdAsync("omni-1");

        Assert.True(created.Status == 200, created.Text);
        Assert.Equal("succeed", done.TaskStatus);
        var video = Assert.Single(done.Data.GetProperty("task_result").GetProperty("videos").EnumerateArray());
        Assert.Equal("7.1", video.GetProperty("duration").GetString());
        Assert.True(video.TryGetProperty("watermark_url", out _));
        Assert.Equal("videos/omni-video", Assert.Single(door.Emulator.Tasks).Route);
    }

    public static TheoryData<string, string> AcceptedBodies() => new()
    {
        { Body(("image_list", Images(4)), ("element_list", Elements(3))), "7 inputs without a video" },
        { Body(("image_list", Images(2)), ("element_list", Elements(2)), ("video_list", new JsonArray(Video()))), "4 inputs with a video" },
        { Body(("aspect_ratio", null), ("image_list", new JsonArray(Image("first_frame"), Image("end_frame")))), "first and end frame, no aspect_ratio" },
        { Body(("aspect_ratio", null), ("video_list", new JsonArray(Video("base")))), "a base video, no aspect_ratio" },
        { Body(("prompt", null), ("multi_shot", true), ("shot_type", "customize"), ("multi_prompt", new JsonArray(new JsonObject { ["index"] = 1, ["prompt"] = "boat", ["duration"] = "5" }))), "multi-shot without a prompt" },
        { Body(("model_name", "kling-v3-omni"), ("duration", "15")), "kling-v3-omni for 15 s" },
        { Body(("model_name", "kling-v3-omni"), ("mode", "4k")), "kling-v3-omni in native 4K (changelog 2026-04-23)" },
    };

    [Theory]
    [MemberData(nameof(AcceptedBodies))]
    public async Task Omni_video_accepts_bodies_at_the_documented_limits(string body, string why)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(body);

        Assert.True(answer.Status == 200, $"{why}: {answer.Text}");
    }

    public static TheoryData<string, string> RefusedBodies() => new()
    {
        { Body(("prompt", null)), "prompt is required" },
        { Body(("prompt", new string('a', 2501))), "invalid prompt: 2501 characters, the limit is 2500" },
        { Body(("model_name", "kling-v2-6")), "is not an omni-video model" },
        { Body(("image_list", Images(5)), ("element_list", Elements(3))), "at most 7 together without a reference video" },
        { Body(("image_list", Images(3)), ("element_list", Elements(2)), ("video_list", new JsonArray(Video()))), "at most 4 together with a reference video" },
        { Body(("video_list", new JsonArray(Video(), Video()))), "invalid video_list: 2 videos, at most 1" },
        { Body(("video_list", new JsonArray(new JsonObject { ["refer_type"] = "base" }))), "invalid video_list[0].video_url" },
        { Body(("video_list", new JsonArray(new JsonObject { ["video_url"] = "https://example.com/c.mp4", ["refer_type"] = "style" }))), "invalid video_list[0].refer_type" },
        { Body(("video_list", new JsonArray(new JsonObject { ["video_url"] = "https://example.com/c.mp4", ["keep_original_sound"] = true }))), "invalid video_list[0].keep_original_sound" },
        { Body(("image_list", new JsonArray(Image("end_frame")))), "an end_frame needs a first_frame" },
        { Body(("image_list", new JsonArray(Image("last_frame")))), "invalid image_list[0].type" },
        { Body(("image_list", new JsonArray(new JsonObject { ["type"] = "first_frame" }))), "invalid image_list[0].image_url: required" },
        { Body(("image_list", new JsonArray(Image(url: "data:image/png;base64,iVBORw0KGgo=")))), "send the raw base64 string" },
        { Body(("image_list", new JsonArray(Image("first_frame"))), ("video_list", new JsonArray(Video("base")))), "cannot be combined with a base video" },
        { Body(("aspect_ratio", null), ("image_list", new JsonArray(Image()))), "aspect_ratio is required" },
        { Body(("aspect_ratio", "4:3")), "invalid aspect_ratio" },
        { Body(("duration", 5)), "invalid duration: must be a string" },
        { Body(("image_list", new JsonArray(Image())), ("duration", "11")), "invalid duration: '11'" },
        { Body(("duration", "7")), "from text or a first frame alone only \"5\" or \"10\"" },
        { Body(("video_list", new JsonArray(Video())), ("sound", "on")), "invalid sound: must be off with video_list" },
        { Body(("element_list", new JsonArray(new JsonObject { ["element_id"] = "161" }))), "invalid element_list" },
        { Body(("model_name", "kling-video-o1"), ("mode", "4k")), "invalid mode: '4k' needs model_name kling-v3-omni (got kling-video-o1)" },
        { Body(("mode", "4k")), "invalid mode: '4k' needs model_name kling-v3-omni (got none)" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task Omni_video_refuses_a_body_that_breaks_a_documented_rule_with_1201_and_makes_no_task(string body, string messagePart)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(body);

        Assert.True((answer.Status, answer.Code) == (400, 1201), answer.Text);
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task The_client_makes_an_omni_video_from_a_local_first_frame_and_a_reference_and_saves_a_genuine_mp4()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(30),
            ProcessingDuration = TimeSpan.FromMilliseconds(100),
        });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("kling-omni-").FullName;
        try
        {
            var result = await client.GenerateAsync(
                new OmniVideoRequest
                {
                    ModelName = KlingModel.KlingVideoO1,
                    Prompt = "<<<image_1>>> wears the hat of <<<image_2>>>",
                    Images =
                    [
                        new KlingOmniImage { Image = KlingImage.FromBytes(TestImages.Png(400, 400)), Type = KlingOmniImageType.FirstFrame },
                        new KlingOmniImage { Image = KlingImage.FromUrl(new Uri("https://example.com/hat.png")) },
                    ],
                    Duration = KlingDuration.FromSeconds(3),
                    ExternalTaskId = "omni-order-1",
                },
                KlingOutput.File(Path.Combine(folder, "omni.mp4")),
                new KlingGenerateOptions { Wait = Fast() },
                cancellationToken: ct);

            Assert.Equal(KlingTaskKind.OmniVideo, result.Task.Data.Kind);
            Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus);
            Assert.Equal("omni-order-1", result.Task.Data.TaskInfo!.ExternalTaskId);
            var bytes = await File.ReadAllBytesAsync(result.FilePath, ct);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
            Assert.Equal("3.1", result.Task.Data.TaskResult!.Videos[0].Duration);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
