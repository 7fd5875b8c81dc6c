using System.Text.Json;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// Kinds: the <see cref="KlingTaskKind"/> value itself, <see cref="KlingTaskHandle"/>, and the kind the client routes by
/// and stamps on every answer it returns (create, query, lookup by external id, list, wait).
/// </summary>
public sealed class TaskKindTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly VirtualClock _clock = new();

    // ---- KlingTaskKind ----

    [Theory]
    [InlineData("text2video")]
    [InlineData("TEXT2VIDEO")]
    [InlineData("videos/text2video")]
    [InlineData("/videos/text2video/")]
    [InlineData(" Videos/Text2Video ")]
    public void TryParse_reads_text2video_by_name_or_route(string value)
    {
        Assert.True(KlingTaskKind.TryParse(value, out var kind));

        Assert.Equal(KlingTaskKind.TextToVideo, kind);
        Assert.Equal("videos/text2video", kind.Route);
        Assert.Equal("text2video", kind.Name);
    }

    [Theory]
    [InlineData("image2video")]
    [InlineData("videos/image2video")]
    public void TryParse_reads_image2video_by_name_or_route(string value)
    {
        Assert.True(KlingTaskKind.TryParse(value, out var kind));

        Assert.Equal(KlingTaskKind.ImageToVideo, kind);
        Assert.Equal("videos/image2video", kind.Route);
        Assert.Equal("image2video", kind.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("videos/unknown-kind")]
    [InlineData("text2image")]
    public void TryParse_refuses_an_unknown_or_empty_kind_and_leaves_it_unspecified(string? value)
    {
        Assert.False(KlingTaskKind.TryParse(value, out var kind));

        Assert.True(kind.IsUnspecified);
        Assert.Equal(default, kind);
    }

    [Fact]
    public void Kinds_compare_by_route_ignoring_case_and_convert_from_names_and_routes()
    {
        KlingTaskKind fromName = "text2video";
        KlingTaskKind fromRoute = "videos/text2video";
        var upper = new KlingTaskKind("VIDEOS/TEXT2VIDEO");

        Assert.True(fromName == KlingTaskKind.TextToVideo);
        Assert.True(fromRoute == KlingTaskKind.TextToVideo);
        Assert.Equal(KlingTaskKind.TextToVideo, upper);
        Assert.Equal(KlingTaskKind.TextToVideo.GetHashCode(), upper.GetHashCode());
        Assert.True(KlingTaskKind.TextToVideo != KlingTaskKind.ImageToVideo);
        Assert.NotEqual(KlingTaskKind.ImageToVideo, KlingTaskKind.TextToVideo);
        Assert.False(KlingTaskKind.TextToVideo.Equals((object)"videos/text2video"));
        Assert.Equal("text2video", KlingTaskKind.TextToVideo.ToString());
        Assert.Equal("videos/text2video", KlingTaskKind.TextToVideo.Route);
    }

    [Fact]
    public void Every_known_kind_shows_its_short_name_and_parses_from_name_and_route()
    {
        Assert.Equal(
            ["image2video", "text2video", "multi-image2video", "video-extend", "avatar", "effects", "lip-sync", "omni-video",
             "image-generation", "virtual-try-on", "text-to-audio", "video-to-audio"],
            KlingTaskKind.Known.Select(kind => kind.ToString()));
        Assert.All(KlingTaskKind.Known, kind =>
        {
            Assert.Equal(kind.Name, kind.ToString());
            Assert.True(KlingTaskKind.TryParse(kind.Name, out var byName) && byName == kind, kind.Name);
            Assert.True(KlingTaskKind.TryParse(kind.Route, out var byRoute) && byRoute == kind, kind.Route);
            Assert.Equal($"\"{kind.Name}\"", KlingJson.Serialize(kind));
            Assert.Equal(kind, KlingJson.Deserialize<KlingTaskKind>($"\"{kind.Route}\""));
            Assert.Equal(kind, KlingJson.Deserialize<KlingTaskKind>($"\"{kind.Name}\""));
        });
    }

    [Theory]
    [InlineData("VIDEOS/TEXT2VIDEO")]
    [InlineData("Videos/Text2Video")]
    public void A_kind_equal_to_TextToVideo_has_its_route_and_name(string route)
    {
        // Equal values must behave alike: the client builds the URL from Route and messages from Name.
        var kind = new KlingTaskKind(route);

        Assert.Equal(KlingTaskKind.TextToVideo, kind);
        Assert.Equal("videos/text2video", kind.Route);
        Assert.Equal("text2video", kind.Name);
    }

    [Fact]
    public void Known_lists_the_built_kinds_in_documentation_order_and_the_default_kind_is_unspecified()
    {
        Assert.Equal([KlingTaskKind.ImageToVideo, KlingTaskKind.TextToVideo, KlingTaskKind.MultiImageToVideo, KlingTaskKind.VideoExtend, KlingTaskKind.Avatar, KlingTaskKind.Effects, KlingTaskKind.LipSync, KlingTaskKind.OmniVideo, KlingTaskKind.ImageGeneration, KlingTaskKind.VirtualTryOn, KlingTaskKind.TextToAudio, KlingTaskKind.VideoToAudio], KlingTaskKind.Known);
        Assert.All(KlingTaskKind.Known, kind => Assert.False(kind.IsUnspecified));
        Assert.True(default(KlingTaskKind).IsUnspecified);
        Assert.Equal(string.Empty, default(KlingTaskKind).Route);
        Assert.Throws<ArgumentNullException>(() => new KlingTaskKind(null!));
    }

    [Fact]
    public void A_kind_outside_the_known_ones_keeps_its_route()
    {
        var unknown = new KlingTaskKind("/videos/some-new-kind/");

        Assert.Equal("videos/some-new-kind", unknown.Route);
        Assert.Equal("videos/some-new-kind", unknown.Name);
        Assert.DoesNotContain(unknown, KlingTaskKind.Known);
    }

    [Fact]
    public void TaskData_writes_its_kind_as_the_short_name_reads_a_name_or_a_route_and_omits_an_unspecified_one()
    {
        var withKind = JsonSerializer.Serialize(new TaskData { TaskId = "t-1", Kind = KlingTaskKind.TextToVideo });
        var without = JsonSerializer.Serialize(new TaskData { TaskId = "t-1" });
        var fromName = JsonSerializer.Deserialize<TaskData>("{\"task_id\":\"t-1\",\"kind\":\"text2video\"}")!;
        var fromRoute = JsonSerializer.Deserialize<TaskData>("{\"task_id\":\"t-1\",\"kind\":\"videos/text2video\"}")!;

        Assert.Contains("\"kind\":\"text2video\"", withKind, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\"", without, StringComparison.Ordinal);
        Assert.Equal(KlingTaskKind.TextToVideo, fromName.Kind);
        Assert.Equal(KlingTaskKind.TextToVideo, fromRoute.Kind);
    }

    [Fact]
    public void Requests_say_their_kind()
    {
        Assert.Equal(KlingTaskKind.TextToVideo, new TextToVideoRequest().Kind);
        Assert.Equal(KlingTaskKind.ImageToVideo, new ImageToVideoRequest().Kind);
        Assert.Equal(KlingTaskKind.VideoExtend, new VideoExtendRequest().Kind);
        Assert.Equal(KlingTaskKind.OmniVideo, new OmniVideoRequest().Kind);
    }

    // ---- KlingTaskHandle ----

    [Fact]
    public void Handle_from_a_task_takes_its_kind_id_and_external_id()
    {
        var task = KindApi.Parse(KindApi.Task("t-7", "processing", externalTaskId: "order-7"));
        task = task with { Data = task.Data with { Kind = KlingTaskKind.TextToVideo } };

        var handle = KlingTaskHandle.From(task);

        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-7", "order-7"), handle);
        Assert.Equal(KlingTaskKind.TextToVideo, handle.Kind);
        Assert.Equal("t-7", handle.TaskId);
        Assert.Equal("order-7", handle.ExternalTaskId);
        Assert.Equal("text2video task t-7", handle.ToString());
    }

    [Fact]
    public void Handle_from_a_callback_task_without_kind_throws_ArgumentException()
    {
        var notification = KlingCallback.Parse("""{"task_id":"t-cb","task_status":"succeed","task_info":{"external_task_id":"order-9"}}"""u8);
        var task = notification.ReportedTask;

        var error = Assert.Throws<ArgumentException>(() => KlingTaskHandle.From(task));

        Assert.True(notification.ReportedTask.Data.Kind.IsUnspecified);
        Assert.Equal("task", error.ParamName);
        Assert.Contains("t-cb", error.Message, StringComparison.Ordinal);
        Assert.Contains("new KlingTaskHandle(kind, taskId)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_needs_a_kind_and_an_id()
    {
        Assert.Equal("kind", Assert.Throws<ArgumentException>(() => new KlingTaskHandle(default, "t-1")).ParamName);
        Assert.Throws<ArgumentException>(() => new KlingTaskHandle(KlingTaskKind.TextToVideo, " ", null));
        Assert.Throws<ArgumentNullException>(() => KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, null!));

        var byExternalId = KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-1");
        Assert.Null(byExternalId.TaskId);
        Assert.Equal("order-1", byExternalId.ExternalTaskId);
        Assert.Equal("text2video task with external id order-1", byExternalId.ToString());
    }

    [Fact]
    public void Handle_round_trips_through_json()
    {
        var handle = new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-1", "order-1");

        var json = JsonSerializer.Serialize(handle);
        var read = JsonSerializer.Deserialize<KlingTaskHandle>(json);

        Assert.Equal("""{"kind":"text2video","task_id":"t-1","external_task_id":"order-1"}""", json);
        Assert.Equal(handle, read);
        Assert.Equal(handle, JsonSerializer.Deserialize<KlingTaskHandle>("""{"kind":"videos/text2video","task_id":"t-1","external_task_id":"order-1"}"""));
    }

    // ---- the client: routes and kinds on every answer ----

    private static (KlingClient Client, CapturingHandler Handler) Client(Func<HttpRequestMessage, HttpResponseMessage> respond, TimeProvider? clock = null)
    {
        var handler = new CapturingHandler(respond);
        return (KindApi.Client(handler, clock), handler);
    }

    [Fact]
    public async Task CreateTextToVideoAsync_returns_the_task_with_kind_text2video()
    {
        var (client, _) = Client(_ => KindApi.Json(Responses.Created));

        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, Token);

        Assert.Equal(KlingTaskKind.TextToVideo, created.Data.Kind);
        Assert.Equal(KlingTaskKind.TextToVideo, KlingTaskHandle.From(created).Kind);
    }

    [Fact]
    public async Task A_text2video_create_settled_by_lookup_is_looked_up_under_text2video_and_says_its_kind()
    {
        var creates = 0;
        var (client, handler) = Client(
            request => request.Method == HttpMethod.Post
                ? (++creates == 1
                    ? KindApi.Json("""{"code":5001,"message":"busy","request_id":"r"}""", System.Net.HttpStatusCode.ServiceUnavailable)
                    : KindApi.Json(Responses.Created))
                : KindApi.Json(KindApi.Task("t-found", "submitted", externalTaskId: "order-5")),
            _clock);

        var created = await _clock.RunAsync(() => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox", ExternalTaskId = "order-5" }, Token));

        Assert.Equal("t-found", created.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, created.Data.Kind);
        Assert.Equal(
            ["POST /kling/v1/videos/text2video", "GET /kling/v1/videos/text2video?external_task_id=order-5"],
            handler.Requests.Select(sent => $"{sent.Method} {sent.Uri.PathAndQuery}"));
    }

    [Fact]
    public async Task GetTaskAsync_text2video_queries_kling_v1_videos_text2video_by_id_and_says_the_kind()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-1", "processing")));

        var task = await client.GetTaskAsync(KlingTaskKind.TextToVideo, "t-1", Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/text2video/t-1", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind);
        Assert.Equal("t-1", task.Data.TaskId);
    }

    [Fact]
    public async Task GetTaskAsync_routes_by_the_kind_asked_and_stamps_that_kind()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-1", "processing")));

        var image = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "t-1", Token);
        var text = await client.GetTaskAsync("text2video", "t-1", Token);

        Assert.Equal(
            ["/kling/v1/videos/image2video/t-1", "/kling/v1/videos/text2video/t-1"],
            handler.Requests.Select(sent => sent.Uri.AbsolutePath));
        Assert.Equal(KlingTaskKind.ImageToVideo, image.Data.Kind);
        Assert.Equal(KlingTaskKind.TextToVideo, text.Data.Kind);
    }

    [Fact]
    public async Task GetTaskAsync_with_a_kind_equal_to_TextToVideo_but_spelled_in_capitals_queries_the_text2video_route()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-1", "processing")));
        var stored = System.Text.Json.JsonSerializer.Deserialize<KlingTaskHandle>("""{"kind":"Videos/Text2Video","task_id":"t-1"}""")!;

        var task = await client.GetTaskAsync(stored.Kind, "t-1", Token);

        Assert.Equal(KlingTaskKind.TextToVideo, stored.Kind);
        Assert.Equal("/kling/v1/videos/text2video/t-1", Assert.Single(handler.Requests).Uri.AbsolutePath);
        Assert.Equal("text2video", task.Data.Kind.Name);
    }

    [Fact]
    public async Task GetTaskAsync_escapes_the_task_id_in_the_path()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("a/b c", "processing")));

        await client.GetTaskAsync(KlingTaskKind.TextToVideo, "a/b c", Token);

        Assert.Equal("/kling/v1/videos/text2video/a%2Fb%20c", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetTaskAsync_refuses_an_unspecified_kind_before_sending()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-1", "processing")));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetTaskAsync(default, "t-1", Token));
        var byExternalId = await Assert.ThrowsAsync<ArgumentException>(() => client.GetTaskByExternalIdAsync(default, "order-1", Token));
        var list = Assert.Throws<ArgumentException>(() => client.ListTasksAsync(default, cancellationToken: Token));

        Assert.All(new[] { error, byExternalId, list }, problem => Assert.Equal("kind", problem.ParamName));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetTaskByExternalIdAsync_queries_the_kinds_route_with_external_task_id_and_says_the_kind()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-9", "processing", externalTaskId: "order 42/x")));

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order 42/x", Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/kling/v1/videos/text2video", sent.Uri.AbsolutePath);
        Assert.Equal("?external_task_id=order%2042%2Fx", sent.Uri.Query);
        Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind);
        Assert.Equal("t-9", task.Data.TaskId);
    }

    [Fact]
    public async Task ListTasksAsync_stamps_the_kind_on_every_task()
    {
        var (client, handler) = Client(_ => KindApi.Json(Responses.Page(1, 2)));

        var tasks = new List<TaskResponse>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.TextToVideo, pageSize: 5, Token))
        {
            tasks.Add(task);
        }

        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, task => Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind));
        Assert.Equal("/kling/v1/videos/text2video", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task WaitForCompletionAsync_polls_the_kinds_route_and_every_answer_says_the_kind()
    {
        var polls = new Queue<string>([KindApi.Task("t-1", "processing"), KindApi.Task("t-1", "succeed", KindApi.Videos("https://cdn.example.com/v.mp4"))]);
        var (client, handler) = Client(_ => KindApi.Json(polls.Count > 1 ? polls.Dequeue() : polls.Peek()), _clock);
        var seen = new List<TaskResponse>();

        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(
            new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-1"),
            new KlingWaitOptions { Progress = new SynchronousProgress<TaskResponse>(seen.Add) },
            Token));

        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.TextToVideo, done.Data.Kind);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, task => Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind));
        Assert.All(handler.Requests, sent => Assert.Equal("/kling/v1/videos/text2video/t-1", sent.Uri.AbsolutePath));
    }

    [Fact]
    public async Task WaitForCompletionAsync_of_a_created_task_waits_under_the_created_kind()
    {
        var (client, handler) = Client(
            request => request.Method == HttpMethod.Post ? KindApi.Json(Responses.Created) : KindApi.Json(KindApi.Task("2032273942220931072", "succeed", KindApi.Videos("https://cdn.example.com/v.mp4"))),
            _clock);

        var created = await _clock.RunAsync(() => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, Token));
        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(created, cancellationToken: Token));

        Assert.Equal(KlingTaskKind.TextToVideo, done.Data.Kind);
        Assert.Equal(
            ["POST /kling/v1/videos/text2video", "GET /kling/v1/videos/text2video/2032273942220931072"],
            handler.Requests.Select(sent => $"{sent.Method} {sent.Uri.AbsolutePath}"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_of_a_callback_task_without_kind_throws_before_sending()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-cb", "succeed")));
        var task = KlingCallback.Parse("""{"task_id":"t-cb","task_status":"processing"}"""u8).ReportedTask;

        await Assert.ThrowsAsync<ArgumentException>(() => client.WaitForCompletionAsync(task, cancellationToken: Token));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_wait_resumed_from_an_external_id_looks_the_task_up_then_polls_it_by_id()
    {
        var polls = new Queue<string>([KindApi.Task("t-9", "processing"), KindApi.Task("t-9", "succeed", KindApi.Videos("https://cdn.example.com/v.mp4"))]);
        var (client, handler) = Client(
            request => request.RequestUri!.Query.Length > 0
                ? KindApi.Json(KindApi.Task("t-9", "submitted", externalTaskId: "order-42"))
                : KindApi.Json(polls.Count > 1 ? polls.Dequeue() : polls.Peek()),
            _clock);
        var seen = new List<KlingTaskStatus>();

        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(
            KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-42"),
            new KlingWaitOptions { Progress = new SynchronousProgress<TaskResponse>(task => seen.Add(task.Data.TaskStatus)) },
            Token));

        Assert.Equal(
            ["/kling/v1/videos/text2video?external_task_id=order-42", "/kling/v1/videos/text2video/t-9", "/kling/v1/videos/text2video/t-9"],
            handler.Requests.Select(sent => sent.Uri.PathAndQuery));
        Assert.Equal("t-9", done.Data.TaskId);
        Assert.Equal(KlingTaskKind.TextToVideo, done.Data.Kind);
        Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], seen);
    }

    [Fact]
    public async Task A_wait_resumed_from_an_external_id_of_a_task_already_done_returns_it_without_polling()
    {
        var (client, handler) = Client(_ => KindApi.Json(KindApi.Task("t-9", "succeed", KindApi.Videos("https://cdn.example.com/v.mp4"), externalTaskId: "order-42")), _clock);

        var done = await _clock.RunAsync(() => client.WaitForCompletionAsync(KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-42"), cancellationToken: Token));

        Assert.Equal(KlingTaskKind.TextToVideo, done.Data.Kind);
        Assert.Equal("/kling/v1/videos/text2video?external_task_id=order-42", Assert.Single(handler.Requests).Uri.PathAndQuery);
    }
}
