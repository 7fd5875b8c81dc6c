using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateVideoExtendAsync"/> puts on the wire (kling-catalogue §3.3): the route, the exact
/// body, no external id (the route takes none, so the create is sent once), and the parent video read back from
/// <c>task_info</c>.
/// </summary>
public sealed class VideoExtendWireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every documented field set.</summary>
    private static VideoExtendRequest FullRequest() => new()
    {
        ParentTaskId = "860260283386548293",
        VideoId = "a1b2c3d4-e5f6-4711-8899-aabbccddeeff",
        Prompt = "The fox keeps running & jumps",
        NegativePrompt = "blur",
        CfgScale = 0.5,
        CallbackUrl = new Uri("https://example.com/kling/hook?order=42"),
    };

    private const string FullBody =
        """{"task_id":"860260283386548293","video_id":"a1b2c3d4-e5f6-4711-8899-aabbccddeeff","prompt":"The fox keeps running & jumps","negative_prompt":"blur","cfg_scale":0.5,"callback_url":"https://example.com/kling/hook?order=42"}""";

    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    [Fact]
    public async Task Create_video_extend_posts_to_kling_v1_videos_video_extend_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateVideoExtendAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/video-extend", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.VideoExtend, created.Data.Kind);
    }

    [Fact]
    public async Task Create_video_extend_sends_the_exact_body_without_an_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateVideoExtendAsync(FullRequest(), Token);

        Assert.Equal(FullBody, Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_video_extend_omits_every_unset_field_and_writes_ids_as_strings_and_cfg_scale_as_a_number()
    {
        var (client, handler) = Client();

        await client.CreateVideoExtendAsync(new VideoExtendRequest { VideoId = "123456789012345678" }, Token);
        await client.CreateVideoExtendAsync(FullRequest(), Token);

        Assert.Equal("{\"video_id\":\"123456789012345678\"}", handler.Requests[0].Body);
        var full = JsonDocument.Parse(handler.Requests[1].Body!).RootElement;
        Assert.Equal(JsonValueKind.String, full.GetProperty("task_id").ValueKind);
        Assert.Equal(JsonValueKind.String, full.GetProperty("video_id").ValueKind);
        Assert.Equal(JsonValueKind.Number, full.GetProperty("cfg_scale").ValueKind);
    }

    [Fact]
    public async Task Create_video_extend_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client();

        await client.CreateVideoExtendAsync(
            new VideoExtendRequest { VideoId = "v-1", AdditionalProperties = new Dictionary<string, JsonNode?> { ["seed"] = 7 } },
            Token);

        Assert.Equal("{\"video_id\":\"v-1\",\"seed\":7}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task An_ambiguous_video_extend_create_is_sent_once_never_looked_up_and_says_the_route_takes_no_external_id()
    {
        // Every answer is a 500: with an id the client would look the task up and send again; without one it must not.
        var handler = CapturingHandler.Json("""{"code":5000,"message":"server error"}""", HttpStatusCode.InternalServerError);
        var client = KindApi.Client(handler, configure: options =>
        {
            options.Resilience.MaxRetryAttempts = 3;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => client.CreateVideoExtendAsync(FullRequest(), Token));

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.StartsWith("Creating the video-extension task failed ambiguously", error.Message, StringComparison.Ordinal);
        Assert.Contains("this route takes no external_task_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("ListTasksAsync(KlingTaskKind.VideoExtend)", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Null(error.Task);
    }

    [Fact]
    public async Task A_video_extend_create_refused_for_the_concurrency_limit_is_sent_again_still_without_an_id()
    {
        // 1303 proves nothing was made, so resending is safe even without an id to reconcile with.
        var answers = new Queue<HttpResponseMessage>(
        [
            KindApi.Json("""{"code":1303,"message":"parallel task over resource pack limit"}""", HttpStatusCode.TooManyRequests),
            KindApi.Json(Responses.Created),
        ]);
        var handler = new CapturingHandler(_ => answers.Dequeue());
        var client = KindApi.Client(handler, configure: options => options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1));

        var created = await client.CreateVideoExtendAsync(new VideoExtendRequest { VideoId = "v-1" }, Token);

        Assert.Equal("2032273942220931072", created.Data.TaskId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, sent => Assert.Equal("{\"video_id\":\"v-1\"}", sent.Body));
    }

    [Fact]
    public async Task A_video_extend_task_reads_its_parent_video_from_task_info()
    {
        var task = KindApi.Task("t-9", "succeed", KindApi.Videos("https://cdn.example.com/extended.mp4"))
            .Replace("\"task_info\":{}", "\"task_info\":{\"parent_video\":{\"id\":\"parent-1\",\"url\":\"https://cdn.example.com/parent.mp4\",\"duration\":\"5.1\"}}", StringComparison.Ordinal);
        var handler = CapturingHandler.Json(task);
        var client = KindApi.Client(handler);

        var read = await client.GetTaskAsync(KlingTaskKind.VideoExtend, "t-9", Token);

        Assert.Equal("https://api.cometapi.com/kling/v1/videos/video-extend/t-9", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        var parent = read.Data.TaskInfo!.ParentVideo!;
        Assert.Equal(("parent-1", new Uri("https://cdn.example.com/parent.mp4"), "5.1"), (parent.Id, parent.Url, parent.Duration));
        Assert.Equal(KlingTaskKind.VideoExtend, read.Data.Kind);
        Assert.Equal("v-1", read.Data.TaskResult!.Videos[0].Id);
    }

    [Fact]
    public void JsonSerializer_Serialize_of_a_video_extend_request_is_the_wire_body()
    {
        KlingTaskRequest request = FullRequest();

        Assert.Equal(FullBody, JsonSerializer.Serialize((VideoExtendRequest)request, RelaxedEscaping));
        Assert.Equal(FullBody, JsonSerializer.Serialize(request, request.GetType(), RelaxedEscaping));
        Assert.Equal(KlingTaskKind.VideoExtend, request.Kind);
    }

    [Fact]
    public void A_video_extend_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<VideoExtendRequest>("{\"video_id\":\"v\"}"));
    }
}
