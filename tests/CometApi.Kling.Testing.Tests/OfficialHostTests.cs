using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class OfficialHostTests
{
    private const string OfficialRoute = "v1/videos/image2video";
    private readonly FakeTimeProvider _clock = new();

    private KlingEmulator Official(bool succeeded = false) =>
        new(new KlingEmulatorOptions { Host = KlingHost.Official, TimeProvider = _clock, SucceededSpelling = succeeded });

    [Fact]
    public async Task The_official_host_serves_create_query_and_list_under_v1()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };

        var created = await api.CreateAsync(RawApi.MinimalBody("order-1"));
        var queried = await api.QueryAsync(created.TaskId);
        var listed = await api.ListAsync();

        Assert.Equal(200, created.Status);
        Assert.Equal(200, queried.Status);
        Assert.Equal(created.TaskId, queried.TaskId);
        Assert.Equal(1, listed.Data.GetArrayLength());
        Assert.Equal(KlingHost.Official, emulator.Host);
        Assert.Equal("videos/image2video", Assert.Single(emulator.Tasks).Route);
    }

    [Fact]
    public async Task The_official_host_answers_404_on_the_CometAPI_routes()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator);

        var created = await api.CreateAsync(RawApi.MinimalBody());
        var faces = await api.SendAsync(HttpMethod.Post, "kling/v1/videos/identify-face", "{}");

        Assert.Equal(404, created.Status);
        Assert.Equal(1202, created.Code);
        Assert.Equal(404, faces.Status);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task The_CometAPI_host_answers_404_on_the_official_routes()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };

        var created = await api.CreateAsync(RawApi.MinimalBody());

        Assert.Equal(404, created.Status);
        Assert.Equal(1202, created.Code);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task The_official_host_serves_identify_face_under_v1()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator);

        var answer = await api.SendAsync(HttpMethod.Post, "v1/videos/identify-face", "{\"video_url\":\"https://example.com/face.mp4\"}");

        Assert.Equal(200, answer.Status);
        Assert.Equal(0, answer.Code);
    }

    [Fact]
    public async Task A_task_is_found_by_its_external_id_in_the_query_path_on_the_official_host()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };
        var id = (await api.CreateAsync(RawApi.MinimalBody("order/42 ü"))).TaskId;

        var byPath = await api.QueryAsync("order/42 ü");
        var byQueryString = await api.QueryByExternalIdAsync("order/42 ü");

        Assert.Equal(200, byPath.Status);
        Assert.Equal(id, byPath.TaskId);
        Assert.Equal("order/42 ü", byPath.Data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal(id, emulator.Requests[^2].TaskId);
        Assert.Equal(200, byQueryString.Status);
        Assert.Equal(id, byQueryString.TaskId);
    }

    [Fact]
    public async Task A_task_id_wins_over_an_equal_external_id_of_another_task()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };
        var first = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        var second = (await api.CreateAsync(RawApi.MinimalBody(externalTaskId: first))).TaskId;

        var found = await api.QueryAsync(first);

        Assert.NotEqual(first, second);
        Assert.Equal(first, found.TaskId);
    }

    [Fact]
    public async Task An_external_id_in_the_path_stays_scoped_to_its_key_and_route()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { Host = KlingHost.Official, TimeProvider = _clock, ApiKeys = ["sk-a", "sk-b"] });
        using var a = new RawApi(emulator, "sk-a") { RoutePath = OfficialRoute };
        using var b = new RawApi(emulator, "sk-b") { RoutePath = OfficialRoute };
        using var otherRoute = new RawApi(emulator, "sk-a") { RoutePath = "v1/videos/text2video" };
        await a.CreateAsync(RawApi.MinimalBody("mine"));

        Assert.Equal(404, (await b.QueryAsync("mine")).Status);
        Assert.Equal(1203, (await otherRoute.QueryAsync("mine")).Code);
        Assert.Equal(200, (await a.QueryAsync("mine")).Status);
    }

    [Fact]
    public async Task The_CometAPI_host_does_not_take_an_external_id_in_the_query_path()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody("order-7"));

        var found = await api.QueryAsync("order-7");

        Assert.Equal(404, found.Status);
        Assert.Equal(1203, found.Code);
    }

    [Fact]
    public async Task Queries_and_lists_spell_success_succeed_by_default()
    {
        using var emulator = Official();
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("succeed", (await api.QueryAsync(id)).TaskStatus);
        Assert.Equal("succeed", (await api.ListAsync()).Data[0].GetProperty("task_status").GetString());
    }

    [Fact]
    public async Task The_succeeded_spelling_is_used_by_queries_and_lists_and_other_statuses_are_unchanged()
    {
        using var emulator = Official(succeeded: true);
        using var api = new RawApi(emulator) { RoutePath = OfficialRoute };
        var created = await api.CreateAsync(RawApi.MinimalBody());
        var risky = (await api.CreateAsync(RawApi.MinimalBody(prompt: "risky"))).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("submitted", created.TaskStatus);
        Assert.Equal("succeeded", (await api.QueryAsync(created.TaskId)).TaskStatus);
        Assert.Equal("failed", (await api.QueryAsync(risky)).TaskStatus);
        Assert.Equal(["failed", "succeeded"], (await api.ListAsync()).Data.EnumerateArray().Select(t => t.GetProperty("task_status").GetString()));
        Assert.Equal(KlingTaskStatus.Succeeded, emulator.Tasks[0].Status);
    }

    [Fact]
    public async Task The_succeeded_spelling_also_works_on_the_CometAPI_host()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, SucceededSpelling = true });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("succeeded", (await api.QueryAsync(id)).TaskStatus);
    }

    [Fact]
    public async Task CreateClient_talks_to_the_official_routes()
    {
        using var emulator = Official();
        var client = emulator.CreateClient();

        await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/videos/image2video", request.Path);
        Assert.Equal(200, request.ResponseStatusCode);
    }
}
