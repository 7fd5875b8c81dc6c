using System.Net;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>The text2video kind: the same life cycle, envelope, lookups, faults and callbacks as image2video, on its own route.</summary>
public class TextToVideoTests
{
    private const string T2V = RawApi.TextToVideoRoute;
    private const string I2V = RawApi.Route;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private KlingEmulatorOptions Options(Action<KlingEmulatorOptions>? configure = null)
    {
        var options = new KlingEmulatorOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public void The_emulator_serves_the_task_routes_of_the_built_kinds()
    {
        Assert.Equal(["videos/image2video", "videos/text2video", "videos/avatar/image2video", "videos/advanced-lip-sync"], KlingEmulator.Routes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text2video_create_answers_the_short_task_object_of_a_submitted_task(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var api = door.Api(T2V);

        var created = await api.CreateAsync(RawApi.TextToVideoBody("t2v-1"));

        Assert.True(created.Status == 200, created.Text);
        Assert.Equal((0, "SUCCEED"), (created.Code, created.Message));
        Assert.Equal("submitted", created.TaskStatus);
        Assert.Equal(18, created.TaskId.Length);
        Assert.Equal("t2v-1", created.Data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal(
            ["task_id", "task_info", "task_status", "created_at", "updated_at"],
            created.Data.EnumerateObject().Select(p => p.Name));
        var task = Assert.Single(door.Emulator.Tasks);
        Assert.Equal("videos/text2video", task.Route);
        Assert.Equal(created.TaskId, task.TaskId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text2video_task_goes_submitted_processing_succeed_and_then_reports_a_downloadable_mp4(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var api = door.Api(T2V);
        var id = (await api.CreateAsync(RawApi.TextToVideoBody())).TaskId;

        var submitted = await api.QueryAsync(id);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var processing = await api.QueryAsync(id);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var done = await api.QueryAsync(id);

        Assert.Equal(("submitted", "processing", "succeed"), (submitted.TaskStatus, processing.TaskStatus, done.TaskStatus));
        Assert.Equal(JsonValueKind.Object, submitted.Data.GetProperty("task_result").ValueKind);
        Assert.Empty(submitted.Data.GetProperty("task_result").EnumerateObject());
        var video = Assert.Single(done.Data.GetProperty("task_result").GetProperty("videos").EnumerateArray());
        Assert.True(Guid.TryParse(video.GetProperty("id").GetString(), out _));
        Assert.Equal(JsonValueKind.String, video.GetProperty("duration").ValueKind);
        Assert.Equal("5.1", video.GetProperty("duration").GetString());
        var url = new Uri(video.GetProperty("url").GetString()!);
        Assert.Equal(door.Emulator.BaseAddress.Authority, url.Authority);

        using var download = door.Download();
        using var response = await download.GetAsync(url, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text2video_task_is_found_by_its_external_id(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var api = door.Api(T2V);
        var id = (await api.CreateAsync(RawApi.TextToVideoBody("order/7 ü"))).TaskId;

        var found = await api.QueryByExternalIdAsync("order/7 ü");

        Assert.Equal(200, found.Status);
        Assert.Equal(id, found.TaskId);
        Assert.Equal("order/7 ü", found.Data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal(1, Assert.Single(door.Emulator.Tasks).QueryCount);
        Assert.Equal(KlingEmulatorEndpoint.QueryByExternalId, door.Emulator.Requests[^1].Endpoint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text2video_list_is_newest_first_paged_and_holds_only_text2video_tasks(bool overSocket)
    {
        await using var door = await Door.OpenAsync(overSocket, Options());
        using var t2v = door.Api(T2V);
        using var i2v = door.Api(I2V);
        var first = (await t2v.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        await i2v.CreateAsync(RawApi.MinimalBody());
        var second = (await t2v.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        var third = (await t2v.CreateAsync(RawApi.TextToVideoBody())).TaskId;

        var all = await t2v.ListAsync();
        var page2 = await t2v.ListAsync("?pageNum=2&pageSize=2");

        Assert.Equal([third, second, first], all.Data.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal([first], page2.Data.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal(KlingEmulatorEndpoint.List, door.Emulator.Requests[^1].Endpoint);
        Assert.Single((await i2v.ListAsync()).Data.EnumerateArray());
    }

    [Fact]
    public async Task Text2video_paging_outside_its_limits_is_refused_like_image2video()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };

        var answer = await api.ListAsync("?pageSize=501");

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Text2video_unknown_ids_get_404_code_1203()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };

        var byId = await api.QueryAsync("123456789012345678");
        var byExternal = await api.QueryByExternalIdAsync("nope");

        Assert.Equal((404, 1203), (byId.Status, byId.Code));
        Assert.Equal((404, 1203), (byExternal.Status, byExternal.Code));
    }

    [Fact]
    public async Task Text2video_risky_prompt_ends_failed_with_the_risk_message_and_no_video()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };
        var id = (await api.CreateAsync(RawApi.TextToVideoBody(prompt: "something RISKY"))).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);

        Assert.Equal("failed", done.TaskStatus);
        Assert.Equal("Failure to pass the risk control system", done.Data.GetProperty("task_status_msg").GetString());
        Assert.Empty(done.Data.GetProperty("task_result").EnumerateObject());
    }

    [Fact]
    public async Task Text2video_watermark_request_adds_a_watermark_url_that_serves_the_mp4()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };
        var id = (await api.CreateAsync("""{"prompt":"p","watermark_info":{"enabled":true}}""")).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);
        var watermarkUrl = done.Data.GetProperty("task_result").GetProperty("videos")[0].GetProperty("watermark_url").GetString()!;
        using var download = new HttpClient(emulator.CreateHandler());
        using var response = await download.GetAsync(watermarkUrl, TestContext.Current.CancellationToken);

        Assert.True(done.Data.GetProperty("watermark_info").GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_text2video_task_is_not_found_on_the_image2video_route_exactly_as_an_unknown_id_is_not()
    {
        using var emulator = new KlingEmulator(Options());
        using var t2v = new RawApi(emulator) { RoutePath = T2V };
        using var i2v = new RawApi(emulator);
        var id = (await t2v.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));
        var unknown = id == "123456789012345678" ? "123456789012345679" : "123456789012345678";

        var crossKind = await i2v.QueryAsync(id);
        var neverExisted = await i2v.QueryAsync(unknown);

        Assert.Equal((404, 1203), (crossKind.Status, crossKind.Code));
        Assert.Equal((neverExisted.Status, neverExisted.Code), (crossKind.Status, crossKind.Code));
        Assert.Equal(neverExisted.Message.Replace(unknown, id, StringComparison.Ordinal), crossKind.Message);
        Assert.False(crossKind.Json.TryGetProperty("data", out _));
        Assert.Equal(0, Assert.Single(emulator.Tasks).QueryCount);
        Assert.Null(emulator.Requests[^2].TaskId);
        Assert.Equal("succeed", (await t2v.QueryAsync(id)).TaskStatus);
    }

    [Fact]
    public async Task An_image2video_task_is_not_found_on_the_text2video_route()
    {
        using var emulator = new KlingEmulator(Options());
        using var t2v = new RawApi(emulator) { RoutePath = T2V };
        using var i2v = new RawApi(emulator);
        var id = (await i2v.CreateAsync(RawApi.MinimalBody("i2v-1"))).TaskId;

        var byId = await t2v.QueryAsync(id);
        var byExternalId = await t2v.QueryByExternalIdAsync("i2v-1");

        Assert.Equal((404, 1203), (byId.Status, byId.Code));
        Assert.Equal((404, 1203), (byExternalId.Status, byExternalId.Code));
        Assert.Equal(id, (await i2v.QueryByExternalIdAsync("i2v-1")).TaskId);
    }

    [Fact]
    public async Task A_text2video_result_url_serves_the_video_only_once_the_task_succeeded()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };
        var id = (await api.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        using var download = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };

        using var early = await download.GetAsync($"emulator/videos/{id}.mp4", TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(5));
        using var late = await download.GetAsync($"emulator/videos/{id}.mp4", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
    }

    [Fact]
    public async Task An_external_id_is_unique_per_key_across_both_routes()
    {
        using var emulator = new KlingEmulator(Options());
        using var t2v = new RawApi(emulator) { RoutePath = T2V };
        using var i2v = new RawApi(emulator);
        var original = (await i2v.CreateAsync(RawApi.MinimalBody("shared-id"))).TaskId;

        var repeated = await t2v.CreateAsync(RawApi.TextToVideoBody("shared-id"));

        Assert.Equal((400, 1201), (repeated.Status, repeated.Code));
        Assert.Contains("shared-id", repeated.Message, StringComparison.Ordinal);
        var task = Assert.Single(emulator.Tasks);
        Assert.Equal((original, 2), (task.TaskId, task.CreateAttempts));
    }

    [Fact]
    public async Task A_repeated_text2video_external_id_for_the_same_key_is_refused_and_counted()
    {
        using var emulator = new KlingEmulator(Options(o => o.ApiKeys = ["k1", "k2"]));
        using var k1 = new RawApi(emulator, "k1") { RoutePath = T2V };
        using var k2 = new RawApi(emulator, "k2") { RoutePath = T2V };
        await k1.CreateAsync(RawApi.TextToVideoBody("dup"));

        var again = await k1.CreateAsync(RawApi.TextToVideoBody("dup"));
        var otherKey = await k2.CreateAsync(RawApi.TextToVideoBody("dup"));

        Assert.Equal((400, 1201), (again.Status, again.Code));
        Assert.Equal(200, otherKey.Status);
        var k1Task = emulator.Tasks.Single(t => t.ApiKey == "k1");
        Assert.Equal(2, k1Task.CreateAttempts);
        var hidden = await k2.QueryAsync(k1Task.TaskId);
        Assert.Equal((404, 1203), (hidden.Status, hidden.Code));
    }

    [Fact]
    public async Task Requests_record_the_route_they_were_on()
    {
        using var emulator = new KlingEmulator(Options());
        using var t2v = new RawApi(emulator) { RoutePath = T2V };
        using var i2v = new RawApi(emulator);
        var id = (await t2v.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        await i2v.CreateAsync(RawApi.MinimalBody());
        await t2v.QueryAsync(id);
        await t2v.SendAsync(HttpMethod.Delete, $"{T2V}/{id}");
        await t2v.SendAsync(HttpMethod.Get, "kling/v1/videos/unknown-kind");

        Assert.Equal(
            [
                (KlingEmulatorEndpoint.Create, "videos/text2video"),
                (KlingEmulatorEndpoint.Create, "videos/image2video"),
                (KlingEmulatorEndpoint.Query, "videos/text2video"),
                (KlingEmulatorEndpoint.Other, "videos/text2video"),
                (KlingEmulatorEndpoint.Other, null),
            ],
            emulator.Requests.Select(r => (r.Endpoint, r.Route)));
        Assert.Equal(404, emulator.Requests[^1].ResponseStatusCode);
        Assert.Equal(["videos/text2video", "videos/image2video"], emulator.Tasks.Select(t => t.Route));
    }

    [Fact]
    public async Task The_running_task_limit_counts_the_tasks_of_every_route()
    {
        using var emulator = new KlingEmulator(Options(o => o.MaxRunningTasksPerKey = 1));
        using var t2v = new RawApi(emulator) { RoutePath = T2V };
        using var i2v = new RawApi(emulator);
        await i2v.CreateAsync(RawApi.MinimalBody());

        var refused = await t2v.CreateAsync(RawApi.TextToVideoBody());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var accepted = await t2v.CreateAsync(RawApi.TextToVideoBody());

        Assert.Equal((429, 1303), (refused.Status, refused.Code));
        Assert.Equal(200, accepted.Status);
    }

    [Fact]
    public async Task A_text2video_task_posts_each_status_to_its_callback_url_as_the_bare_task_object()
    {
        const string Hook = "https://receiver.example/t2v";
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(Options(o => o.CallbackHandler = receiver));
        using var api = new RawApi(emulator) { RoutePath = T2V };
        var id = (await api.CreateAsync(RawApi.TextToVideoBody("cb-t2v", callbackUrl: Hook))).TaskId;
        var ct = TestContext.Current.CancellationToken;

        await emulator.WaitForCallbacksAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await emulator.WaitForCallbacksAsync(ct);
        _clock.Advance(TimeSpan.FromSeconds(4));
        await emulator.WaitForCallbacksAsync(ct);

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(["submitted", "processing", "succeed"], bodies.Select(b => b.GetProperty("task_status").GetString()));
        Assert.All(receiver.Received, r => Assert.Equal(new Uri(Hook), r.Url));
        Assert.All(bodies, b => Assert.Equal(id, b.GetProperty("task_id").GetString()));
        Assert.All(bodies, b => Assert.False(b.TryGetProperty("code", out _)));
        Assert.Equal("cb-t2v", bodies[0].GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal("5.1", bodies[2].GetProperty("task_result").GetProperty("videos")[0].GetProperty("duration").GetString());
        Assert.All(emulator.CallbackDeliveries, d => Assert.True(d.Succeeded));
    }

    [Fact]
    public async Task A_create_fault_hits_a_text2video_create_and_a_dropped_answer_still_made_the_task()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };
        emulator.Faults
            .Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit"))
            .Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropAfterProcessing());

        var limited = await api.CreateAsync(RawApi.TextToVideoBody("amb-1"));
        await Assert.ThrowsAsync<HttpRequestException>(() => api.CreateAsync(RawApi.TextToVideoBody("amb-1")));
        var reconciled = await api.QueryByExternalIdAsync("amb-1");

        Assert.Equal((429, 1303), (limited.Status, limited.Code));
        Assert.Equal(200, reconciled.Status);
        Assert.Equal(Assert.Single(emulator.Tasks).TaskId, reconciled.TaskId);
        Assert.Null(emulator.Requests[1].ResponseStatusCode);
        Assert.Equal("videos/text2video", emulator.Requests[1].Route);
    }

    [Fact]
    public async Task A_query_fault_hits_a_text2video_query()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = T2V };
        var id = (await api.CreateAsync(RawApi.TextToVideoBody())).TaskId;
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.Html());

        var html = await api.QueryAsync(id);
        var normal = await api.QueryAsync(id);

        Assert.Equal((502, "text/html"), (html.Status, html.ContentType));
        Assert.Equal(200, normal.Status);
    }
}
