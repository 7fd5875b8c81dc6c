using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The video-extend kind (docs/kling-catalogue.md section 3.3): its own request checks, <c>task_info.parent_video</c>
/// in its answers, and the SDK's client extending a video the emulator made, down to a playable MP4.
/// </summary>
public class VideoExtendTests
{
    private const string Route = "kling/v1/videos/video-extend";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static string Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["video_id"] = "0d7d2a5c-5d2c-4e7f-9a43-6f0c1f4c2b11" };
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
    public void The_emulator_serves_the_video_extend_route()
    {
        Assert.Contains("videos/video-extend", KlingEmulator.Routes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Video_extend_accepts_every_documented_field_and_reports_the_parent_video_once_queried(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = door.Api(Route);

        var created = await api.CreateAsync(Body(
            ("task_id", "860260283386548293"), ("prompt", "the fox keeps running"), ("negative_prompt", "blur"), ("cfg_scale", 0.5),
            ("callback_url", "https://example.com/hook")));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await api.QueryAsync(created.TaskId);

        Assert.True(created.Status == 200, created.Text);
        Assert.False(created.Data.GetProperty("task_info").TryGetProperty("parent_video", out _));
        Assert.Equal("succeed", done.TaskStatus);
        var parent = done.Data.GetProperty("task_info").GetProperty("parent_video");
        Assert.Equal("0d7d2a5c-5d2c-4e7f-9a43-6f0c1f4c2b11", parent.GetProperty("id").GetString());
        Assert.Single(done.Data.GetProperty("task_result").GetProperty("videos").EnumerateArray());
        Assert.Equal("videos/video-extend", Assert.Single(door.Emulator.Tasks).Route);
    }

    public static TheoryData<string, string> RefusedBodies() => new()
    {
        { """{"prompt":"more"}""", "video_id is required" },
        { """{"video_id":860260283386548293}""", "invalid video_id: must be a string" },
        { """{"video_id":" "}""", "invalid video_id: empty" },
        { Body(("task_id", "")), "invalid task_id: empty" },
        { Body(("prompt", new string('a', 501))), "invalid prompt: 501 characters, the limit is 500" },
        { Body(("negative_prompt", new string('n', 201))), "invalid negative_prompt: 201 characters" },
        { Body(("cfg_scale", 1.5)), "invalid cfg_scale" },
        { Body(("callback_url", "ftp://example.com/hook")), "invalid callback_url" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task Video_extend_refuses_a_body_that_breaks_a_documented_rule_with_1201_and_makes_no_task(string body, string messagePart)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(body);

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task Video_extend_ignores_an_external_task_id_which_the_route_does_not_list()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = Route };

        var created = await api.CreateAsync(Body(("external_task_id", "order-1")));
        var lookup = await api.QueryByExternalIdAsync("order-1");

        Assert.Equal(200, created.Status);
        Assert.False(created.Data.GetProperty("task_info").TryGetProperty("external_task_id", out _));
        Assert.Null(Assert.Single(emulator.Tasks).ExternalTaskId);
        Assert.Equal((404, 1203), (lookup.Status, lookup.Code));
    }

    [Fact]
    public async Task The_client_extends_a_video_the_emulator_made_waits_and_saves_a_genuine_mp4()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(30),
            ProcessingDuration = TimeSpan.FromMilliseconds(100),
        });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("kling-extend-").FullName;
        try
        {
            var parent = await client.GenerateAsync(
                new TextToVideoRequest { Prompt = "A fox in the snow" }, KlingOutput.File(Path.Combine(folder, "parent.mp4")), new KlingGenerateOptions { Wait = Fast() }, ct);
            var parentVideo = Assert.Single(parent.Task.Data.TaskResult!.Videos);

            var created = await client.CreateVideoExtendAsync(
                new VideoExtendRequest { ParentTaskId = parent.Task.Data.TaskId, VideoId = parentVideo.Id, Prompt = "The fox keeps running" }, ct);
            var done = await client.WaitForCompletionAsync(created, Fast(), ct);
            var file = Assert.Single(await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder, "extended.mp4")), cancellationToken: ct));

            Assert.Equal(KlingTaskKind.VideoExtend, done.Data.Kind);
            Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
            Assert.Equal(parentVideo.Id, done.Data.TaskInfo!.ParentVideo!.Id);
            var bytes = await File.ReadAllBytesAsync(file, ct);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);

            // The client sent no external id: the route lists none.
            using var sent = JsonDocument.Parse(emulator.Requests.Last(request => request.Endpoint == KlingEmulatorEndpoint.Create).Body);
            Assert.False(sent.RootElement.TryGetProperty("external_task_id", out _));
            Assert.Equal(parent.Task.Data.TaskId, sent.RootElement.GetProperty("task_id").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
