using System.Net;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class CallbackTests
{
    private const string Hook = "https://receiver.example/kling?job=7";
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Each_status_change_is_posted_as_the_bare_task_object_in_order()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody("cb-1", callbackUrl: Hook))).TaskId;
        var ct = TestContext.Current.CancellationToken;

        await emulator.WaitForCallbacksAsync(ct);
        Assert.Single(receiver.Received);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await emulator.WaitForCallbacksAsync(ct);
        Assert.Equal(2, receiver.Received.Count);
        _clock.Advance(TimeSpan.FromSeconds(4));
        await emulator.WaitForCallbacksAsync(ct);

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(["submitted", "processing", "succeed"], bodies.Select(b => b.GetProperty("task_status").GetString()));
        Assert.All(receiver.Received, r => Assert.Equal(new Uri(Hook), r.Url));
        Assert.All(receiver.Received, r => Assert.Equal("application/json", r.ContentType));
        Assert.All(bodies, b => Assert.False(b.TryGetProperty("code", out _)));
        Assert.All(bodies, b => Assert.Equal(id, b.GetProperty("task_id").GetString()));
        Assert.All(bodies, b => Assert.Equal("cb-1", b.GetProperty("task_info").GetProperty("external_task_id").GetString()));
        Assert.EndsWith($"{id}.mp4", bodies[2].GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString(), StringComparison.Ordinal);

        var created = _clock.GetUtcNow().AddSeconds(-5).ToUnixTimeMilliseconds();
        Assert.Equal([created, created + 1000, created + 5000], bodies.Select(b => b.GetProperty("updated_at").GetInt64()));
        Assert.Equal(3, emulator.CallbackDeliveries.Count);
        Assert.All(emulator.CallbackDeliveries, d => Assert.True(d.Succeeded));
        Assert.Equal(
            [KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded],
            emulator.CallbackDeliveries.Select(d => d.Status));
    }

    [Fact]
    public async Task A_clock_jump_past_every_transition_still_delivers_each_status_once_in_order_with_its_own_body()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(prompt: "risky", callbackUrl: Hook));

        _clock.Advance(TimeSpan.FromHours(1));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(["submitted", "processing", "failed"], bodies.Select(b => b.GetProperty("task_status").GetString()));
        Assert.Equal("Failure to pass the risk control system", bodies[2].GetProperty("task_status_msg").GetString());
        Assert.Equal("{}", bodies[1].GetProperty("task_result").GetRawText());
    }

    [Fact]
    public async Task A_failing_receiver_is_recorded_not_thrown_and_the_task_goes_on()
    {
        var receiver = new CallbackRecorder(fail: true);
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook))).TaskId;

        _clock.Advance(TimeSpan.FromSeconds(5));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, emulator.CallbackDeliveries.Count);
        Assert.All(emulator.CallbackDeliveries, d =>
        {
            Assert.False(d.Succeeded);
            Assert.Null(d.ResponseStatusCode);
            Assert.Contains("Connection refused", d.Error, StringComparison.Ordinal);
        });
        Assert.Equal("succeed", (await api.QueryAsync(id)).TaskStatus);
    }

    [Fact]
    public async Task A_receiver_error_status_is_recorded()
    {
        var receiver = new CallbackRecorder(HttpStatusCode.InternalServerError);
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));

        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var delivery = Assert.Single(emulator.CallbackDeliveries);
        Assert.Equal(500, delivery.ResponseStatusCode);
        Assert.False(delivery.Succeeded);
        Assert.Null(delivery.Error);
        Assert.Equal(_clock.GetUtcNow(), delivery.ChangedAt);
    }

    [Fact]
    public async Task Tasks_without_a_callback_url_post_nothing()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody());

        _clock.Advance(TimeSpan.FromSeconds(10));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Empty(receiver.Received);
        Assert.Empty(emulator.CallbackDeliveries);
    }

    [Fact]
    public async Task Disposing_the_emulator_cancels_callbacks_still_scheduled()
    {
        var receiver = new CallbackRecorder();
        var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, CallbackHandler = receiver });
        using var api = new RawApi(emulator);
        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: Hook));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        emulator.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Callbacks_of_many_tasks_are_all_delivered_each_in_order()
    {
        var receiver = new CallbackRecorder();
        using var emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            TimeProvider = _clock,
            CallbackHandler = receiver,
            ProcessingDurationSelector = body => TimeSpan.FromMilliseconds(body.GetProperty("external_task_id").GetString()!.Length * 700),
        });
        using var api = new RawApi(emulator);
        for (var i = 0; i < 30; i++)
        {
            await api.CreateAsync(RawApi.MinimalBody(new string('x', (i % 7) + 1) + i, callbackUrl: Hook));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Equal(90, emulator.CallbackDeliveries.Count);
        foreach (var task in emulator.CallbackDeliveries.GroupBy(d => d.TaskId))
        {
            Assert.Equal([KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded], task.Select(d => d.Status));
        }
    }
}
