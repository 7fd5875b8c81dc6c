using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class TaskLookupTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task A_task_is_found_by_its_external_id_with_the_single_task_envelope()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody("order/42 ü"))).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var found = await api.QueryByExternalIdAsync("order/42 ü");

        Assert.Equal(200, found.Status);
        Assert.Equal(id, found.TaskId);
        Assert.Equal("succeed", found.TaskStatus);
        Assert.Equal("order/42 ü", found.Data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal(1, Assert.Single(emulator.Tasks).QueryCount);
        Assert.Equal(KlingEmulatorEndpoint.QueryByExternalId, emulator.Requests[^1].Endpoint);
    }

    [Fact]
    public async Task An_external_id_lookup_wins_over_paging_parameters()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody("e"))).TaskId;

        var found = await api.ListAsync("?pageNum=1&pageSize=10&external_task_id=e");

        Assert.Equal(id, found.TaskId);
    }

    [Fact]
    public async Task Unknown_task_ids_and_external_ids_get_404_code_1203()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        var byId = await api.QueryAsync("123456789012345678");
        var byExternal = await api.QueryByExternalIdAsync("nope");
        var empty = await api.ListAsync("?external_task_id=");

        Assert.Equal((404, 1203), (byId.Status, byId.Code));
        Assert.Equal((404, 1203), (byExternal.Status, byExternal.Code));
        Assert.Contains("nope", byExternal.Message, StringComparison.Ordinal);
        Assert.Equal((400, 1201), (empty.Status, empty.Code));
    }

    [Fact]
    public async Task A_duplicate_external_id_for_the_same_key_is_refused_with_400_code_1201_and_counted()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody("order-1"));

        var duplicate = await api.CreateAsync(RawApi.MinimalBody("order-1"));

        Assert.Equal(400, duplicate.Status);
        Assert.Equal(1201, duplicate.Code);
        Assert.Equal("invalid external_task_id: 'order-1' already exists; it must be unique within the account", duplicate.Message);
        var task = Assert.Single(emulator.Tasks);
        Assert.Equal(2, task.CreateAttempts);
    }

    [Fact]
    public async Task An_empty_external_id_means_none_and_may_repeat()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        Assert.Equal(200, (await api.CreateAsync(RawApi.MinimalBody(""))).Status);
        Assert.Equal(200, (await api.CreateAsync(RawApi.MinimalBody(""))).Status);
        Assert.All(emulator.Tasks, t => Assert.Null(t.ExternalTaskId));
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paged()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await api.CreateAsync(RawApi.MinimalBody($"e{i}"))).TaskId);
        }

        ids.Reverse();
        var first = await api.ListAsync("?pageNum=1&pageSize=2");
        var third = await api.ListAsync("?pageNum=3&pageSize=2");
        var beyond = await api.ListAsync("?pageNum=4&pageSize=2");

        Assert.Equal(ids[..2], first.Data.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToArray());
        Assert.Equal(ids[4..], third.Data.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToArray());
        Assert.Equal("[]", beyond.Data.GetRawText());
        Assert.Equal("SUCCEED", first.Message);
    }

    [Fact]
    public async Task The_list_defaults_to_page_1_of_30()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        for (var i = 0; i < 31; i++)
        {
            await api.CreateAsync(RawApi.MinimalBody());
        }

        Assert.Equal(30, (await api.ListAsync()).Data.GetArrayLength());
    }

    [Fact]
    public async Task List_items_are_full_task_objects_with_their_current_status()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody());
        _clock.Advance(TimeSpan.FromSeconds(5));

        var item = (await api.ListAsync()).Data[0];

        Assert.Equal("succeed", item.GetProperty("task_status").GetString());
        Assert.EndsWith(".mp4", item.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?pageNum=0")]
    [InlineData("?pageNum=1001")]
    [InlineData("?pageNum=abc")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=501")]
    [InlineData("?pageSize=-1")]
    public async Task Paging_outside_1_to_1000_and_1_to_500_is_refused(string query)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        var answer = await api.ListAsync(query);

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(query.Contains("pageNum", StringComparison.Ordinal) ? "pageNum" : "pageSize", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?pageNum=1000&pageSize=500")]
    [InlineData("?pageNum=1&pageSize=1")]
    public async Task Paging_limits_are_inclusive(string query)
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        Assert.Equal(200, (await api.ListAsync(query)).Status);
    }

    [Fact]
    public async Task With_a_running_task_limit_one_more_create_gets_429_code_1303_until_a_task_ends()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, MaxRunningTasksPerKey = 2, ApiKeys = ["sk-a", "sk-b"] });
        using var api = new RawApi(emulator, "sk-a");
        using var other = new RawApi(emulator, "sk-b");
        await api.CreateAsync(RawApi.MinimalBody());
        await api.CreateAsync(RawApi.MinimalBody());

        var refused = await api.CreateAsync(RawApi.MinimalBody());
        Assert.Equal((429, 1303), (refused.Status, refused.Code));
        Assert.Equal("parallel task over resource pack limit", refused.Message);
        Assert.Equal(200, (await other.CreateAsync(RawApi.MinimalBody())).Status);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await api.CreateAsync(RawApi.MinimalBody())).Status);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_404_code_1202()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        var wrongPath = await api.SendAsync(HttpMethod.Get, "v1/videos/image2video");
        var wrongMethod = await api.SendAsync(HttpMethod.Delete, RawApi.Route + "/123");

        Assert.Equal((404, 1202), (wrongPath.Status, wrongPath.Code));
        Assert.Equal((404, 1202), (wrongMethod.Status, wrongMethod.Code));
        Assert.All(emulator.Requests, r => Assert.Equal(KlingEmulatorEndpoint.Other, r.Endpoint));
    }
}
