using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class LifecycleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_task_is_submitted_then_processing_after_1_s_then_succeed_after_5_s_in_virtual_time()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var created = await api.CreateAsync(RawApi.MinimalBody());
        var id = created.TaskId;
        Assert.Equal("submitted", created.TaskStatus);

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal("submitted", (await api.QueryAsync(id)).TaskStatus);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("processing", (await api.QueryAsync(id)).TaskStatus);

        _clock.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.Equal("processing", (await api.QueryAsync(id)).TaskStatus);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("succeed", (await api.QueryAsync(id)).TaskStatus);
    }

    [Fact]
    public async Task Timestamps_are_unix_milliseconds_and_updated_at_is_the_moment_of_the_last_transition()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var start = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var created = await api.CreateAsync(RawApi.MinimalBody());
        Assert.Equal(start, created.Data.GetProperty("created_at").GetInt64());
        Assert.Equal(start, created.Data.GetProperty("updated_at").GetInt64());

        _clock.Advance(TimeSpan.FromSeconds(2.5));
        var processing = await api.QueryAsync(created.TaskId);
        Assert.Equal(start, processing.Data.GetProperty("created_at").GetInt64());
        Assert.Equal(start + 1000, processing.Data.GetProperty("updated_at").GetInt64());

        _clock.Advance(TimeSpan.FromMinutes(10));
        var done = await api.QueryAsync(created.TaskId);
        Assert.Equal(start + 5000, done.Data.GetProperty("updated_at").GetInt64());
    }

    [Fact]
    public async Task Durations_of_each_phase_are_configurable()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            TimeProvider = _clock,
            SubmittedDuration = TimeSpan.FromSeconds(10),
            ProcessingDuration = TimeSpan.FromMinutes(2),
        });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("submitted", (await api.QueryAsync(id)).TaskStatus);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("processing", (await api.QueryAsync(id)).TaskStatus);
        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal("processing", (await api.QueryAsync(id)).TaskStatus);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("succeed", (await api.QueryAsync(id)).TaskStatus);
    }

    [Fact]
    public async Task A_selector_gives_each_task_its_own_processing_time_from_its_create_body()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            TimeProvider = _clock,
            ProcessingDurationSelector = body => TimeSpan.FromSeconds(body.GetProperty("prompt").GetString()!.Length),
        });
        using var api = new RawApi(emulator);
        var shortTask = (await api.CreateAsync(RawApi.MinimalBody(prompt: "ab"))).TaskId;
        var longTask = (await api.CreateAsync(RawApi.MinimalBody(prompt: new string('x', 30)))).TaskId;

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("succeed", (await api.QueryAsync(shortTask)).TaskStatus);
        Assert.Equal("processing", (await api.QueryAsync(longTask)).TaskStatus);
        var snapshot = emulator.Tasks.Single(t => t.TaskId == longTask);
        Assert.Equal(snapshot.CreatedAt + TimeSpan.FromSeconds(31), snapshot.FinishesAt);
    }

    [Fact]
    public async Task With_no_submitted_time_a_task_is_processing_as_soon_as_it_is_created()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, SubmittedDuration = TimeSpan.Zero });
        using var api = new RawApi(emulator);

        Assert.Equal("processing", (await api.CreateAsync(RawApi.MinimalBody())).TaskStatus);
    }

    [Fact]
    public async Task A_risky_prompt_ends_failed_with_a_content_safety_message_and_no_video()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody(prompt: "something RISKY happens"))).TaskId;

        _clock.Advance(TimeSpan.FromSeconds(2));
        var running = await api.QueryAsync(id);
        Assert.Equal("processing", running.TaskStatus);
        Assert.False(running.Data.TryGetProperty("task_status_msg", out _));

        _clock.Advance(TimeSpan.FromSeconds(3));
        var failed = await api.QueryAsync(id);
        Assert.Equal("failed", failed.TaskStatus);
        Assert.Equal("Failure to pass the risk control system", failed.Data.GetProperty("task_status_msg").GetString());
        Assert.Equal("{}", failed.Data.GetProperty("task_result").GetRawText());
        Assert.Equal("0", failed.Data.GetProperty("final_unit_deduction").GetString());
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4")).Status);
    }

    [Fact]
    public async Task The_risky_marker_and_message_are_configurable_and_can_be_turned_off()
    {
        using var custom = new KlingEmulator(new KlingEmulatorOptions
        {
            TimeProvider = _clock,
            RiskyPromptMarker = "[nsfw]",
            RiskyTaskStatusMessage = "content risk",
        });
        using var off = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, RiskyPromptMarker = null });
        using var customApi = new RawApi(custom);
        using var offApi = new RawApi(off);
        var flagged = (await customApi.CreateAsync(RawApi.MinimalBody(prompt: "a [NSFW] scene"))).TaskId;
        var notFlagged = (await customApi.CreateAsync(RawApi.MinimalBody(prompt: "risky but fine here"))).TaskId;
        var unchecked_ = (await offApi.CreateAsync(RawApi.MinimalBody(prompt: "risky"))).TaskId;

        _clock.Advance(TimeSpan.FromSeconds(5));
        var failed = await customApi.QueryAsync(flagged);
        Assert.Equal("failed", failed.TaskStatus);
        Assert.Equal("content risk", failed.Data.GetProperty("task_status_msg").GetString());
        Assert.Equal("succeed", (await customApi.QueryAsync(notFlagged)).TaskStatus);
        Assert.Equal("succeed", (await offApi.QueryAsync(unchecked_)).TaskStatus);
    }

    [Fact]
    public async Task A_running_task_has_an_empty_task_result_object_and_no_unit_deduction()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody("ext-1"))).TaskId;

        var data = (await api.QueryAsync(id)).Data;

        Assert.Equal("{}", data.GetProperty("task_result").GetRawText());
        Assert.False(data.TryGetProperty("final_unit_deduction", out _));
        Assert.Equal("""{"external_task_id":"ext-1"}""", data.GetProperty("task_info").GetRawText());
    }

    [Fact]
    public async Task A_succeeded_task_lists_one_video_with_a_string_duration_and_a_url_on_the_emulator()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var data = (await api.QueryAsync(id)).Data;

        var video = Assert.Single(data.GetProperty("task_result").GetProperty("videos").EnumerateArray().ToList());
        Assert.Equal($"http://kling-emulator.local/emulator/videos/{id}.mp4", video.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.String, video.GetProperty("duration").ValueKind);
        Assert.Equal("5.1", video.GetProperty("duration").GetString());
        Assert.True(Guid.TryParse(video.GetProperty("id").GetString(), out _));
        Assert.False(video.TryGetProperty("watermark_url", out _));
        Assert.Equal(JsonValueKind.String, data.GetProperty("final_unit_deduction").ValueKind);
        Assert.False(data.TryGetProperty("watermark_info", out _));
    }

    [Fact]
    public async Task A_watermark_url_and_watermark_info_appear_only_when_a_watermark_was_requested()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var withMark = (await api.CreateAsync("""{"image":"https://example.com/a.png","watermark_info":{"enabled":true}}""")).TaskId;
        var without = (await api.CreateAsync("""{"image":"https://example.com/a.png","watermark_info":{"enabled":false}}""")).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var marked = (await api.QueryAsync(withMark)).Data;
        var plain = (await api.QueryAsync(without)).Data;

        var url = marked.GetProperty("task_result").GetProperty("videos")[0].GetProperty("watermark_url").GetString();
        Assert.Equal($"http://kling-emulator.local/emulator/videos/{withMark}-watermark.mp4", url);
        Assert.True(marked.GetProperty("watermark_info").GetProperty("enabled").GetBoolean());
        Assert.False(plain.GetProperty("task_result").GetProperty("videos")[0].TryGetProperty("watermark_url", out _));
        Assert.False(plain.GetProperty("watermark_info").GetProperty("enabled").GetBoolean());
        Assert.Equal(200, (await api.SendAsync(HttpMethod.Get, new Uri(url!).AbsolutePath.TrimStart('/'))).Status);
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{without}-watermark.mp4")).Status);
    }

    [Fact]
    public async Task Responses_use_the_kling_envelope_with_SUCCEED_and_a_fresh_uuid_request_id()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var created = await api.CreateAsync(RawApi.MinimalBody());
        var queried = await api.QueryAsync(created.TaskId);

        foreach (var answer in new[] { created, queried })
        {
            Assert.Equal(0, answer.Code);
            Assert.Equal("SUCCEED", answer.Message);
            Assert.True(Guid.TryParse(answer.Json.GetProperty("request_id").GetString(), out _));
            Assert.Equal("application/json", answer.ContentType);
        }

        Assert.NotEqual(created.Json.GetProperty("request_id").GetString(), queried.Json.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Task_ids_are_unique_18_digit_strings()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var created = await api.CreateAsync(RawApi.MinimalBody());
            Assert.Equal(JsonValueKind.String, created.Data.GetProperty("task_id").ValueKind);
            ids.Add(created.TaskId);
        }

        Assert.All(ids, id => Assert.Matches("^[1-9][0-9]{17}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_create_answer_has_the_documented_short_shape()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);

        var data = (await api.CreateAsync(RawApi.MinimalBody("order-1"))).Data;

        Assert.Equal(
            ["task_id", "task_info", "task_status", "created_at", "updated_at"],
            data.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Task_snapshots_follow_the_clock_and_keep_the_create_body()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        await api.CreateAsync("""{"image":"https://example.com/a.png","prompt":"p","aspect_ratio":"16:9","external_task_id":"x1"}""");

        var before = Assert.Single(emulator.Tasks);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var after = Assert.Single(emulator.Tasks);

        Assert.Equal(KlingTaskStatus.Submitted, before.Status);
        Assert.Equal(KlingTaskStatus.Succeeded, after.Status);
        Assert.Equal("x1", after.ExternalTaskId);
        Assert.Equal(KlingEmulator.DefaultApiKey, after.ApiKey);
        Assert.Equal("16:9", after.Request.GetProperty("aspect_ratio").GetString());
        Assert.Equal(before.CreatedAt + TimeSpan.FromSeconds(1), before.ProcessingAt);
        Assert.Equal(before.CreatedAt + TimeSpan.FromSeconds(5), before.FinishesAt);
    }

    [Fact]
    public async Task A_task_snapshot_prints_its_id_route_and_status_but_never_the_api_key()
    {
        const string key = "sk-live-do-not-print-0123456789";
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, ApiKeys = [key] });
        var client = emulator.CreateClient();
        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox", ExternalTaskId = "order-42" }, TestContext.Current.CancellationToken);

        var task = Assert.Single(emulator.Tasks);
        var text = task.ToString();

        Assert.Equal(key, task.ApiKey);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(KlingEmulatorTask.ApiKey), text, StringComparison.Ordinal);
        Assert.Equal(
            $"KlingEmulatorTask {{ TaskId = {created.Data.TaskId}, Route = videos/text2video, Status = submitted, ExternalTaskId = order-42, CreateAttempts = 1, QueryCount = 0 }}",
            text);
        Assert.DoesNotContain(key, new { Snapshot = task }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_snapshot_made_with_a_JWT_never_prints_the_access_key()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, Host = KlingHost.Official });
        var client = emulator.CreateClient(options =>
        {
            options.ApiKey = null;
            options.AccessKey = KlingEmulator.DefaultAccessKey;
            options.SecretKey = KlingEmulator.DefaultSecretKey;
        });
        await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox" }, TestContext.Current.CancellationToken);

        var task = Assert.Single(emulator.Tasks);

        Assert.Equal(KlingEmulator.DefaultAccessKey, task.ApiKey);
        Assert.DoesNotContain(KlingEmulator.DefaultAccessKey, task.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KlingEmulator.DefaultSecretKey, task.ToString(), StringComparison.Ordinal);
    }
}
