using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.AspNetCore.Tests;

public sealed class MapKlingCallbackTests : IAsyncDisposable
{
    private readonly FakeKlingApi _api = new();
    private readonly ConcurrentQueue<TaskResponse> _delivered = new();
    private WebApplication? _app;
    private HttpClient _client = null!;
    private KlingCallbackEndpointOptions _options = null!;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync(Func<TaskResponse, IServiceProvider, CancellationToken, Task>? handler = null, KlingCallbackEndpointOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddKlingClient(o =>
        {
            o.ApiKey = "sk-callback";
            o.Resilience.MaxRetryAttempts = 2; // the client's retries are the processor's only retries
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
        }).ConfigurePrimaryHttpMessageHandler(() => _api);
        builder.Services.AddScoped<ScopedThing>();
        _app = builder.Build();
        _options = options ?? new KlingCallbackEndpointOptions { MaxConcurrency = 1 };
        _app.MapKlingCallback("/kling/callback", handler ?? ((task, _, _) =>
        {
            _delivered.Enqueue(task);
            return Task.CompletedTask;
        }), _options);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client = _app.GetTestClient();
    }

    private async Task<HttpStatusCode> PostAsync(string body, string path = "/kling/callback")
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private Task<HttpStatusCode> Callback(string taskId, string claimedStatus, string path = "/kling/callback") =>
        PostAsync($$"""{"task_id":"{{taskId}}","task_status":"{{claimedStatus}}","created_at":1722769557708,"updated_at":1722769557708}""", path);

    private Task Idle() => _options.Processor!.WhenIdle.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private string[] Deliveries() => _delivered.Select(task => $"{task.Data.TaskId}:{task.Data.TaskStatus}").ToArray();

    [Fact]
    public async Task The_handler_gets_the_task_refetched_from_the_API_not_the_callback_body()
    {
        _api.Statuses["t-1"] = "processing";
        await StartAsync();

        var status = await Callback("t-1", "succeed");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["t-1:processing"], Deliveries());
        Assert.Equal(KlingTaskKind.ImageToVideo, Assert.Single(_delivered).Data.Kind);
        var query = Assert.Single(_api.Queries);
        Assert.Equal("Bearer sk-callback", query.Authorization);
    }

    [Fact]
    public async Task A_text2video_task_is_found_by_trying_the_known_kinds_in_order()
    {
        _api.Statuses["t2v"] = "processing";
        _api.Kinds["t2v"] = KlingTaskKind.TextToVideo;
        await StartAsync();

        var status = await Callback("t2v", "processing");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["t2v:processing"], Deliveries());
        Assert.Equal(KlingTaskKind.TextToVideo, Assert.Single(_delivered).Data.Kind);
        Assert.Equal(["videos/image2video", "videos/text2video"], _api.RoutesQueriedFor("t2v"));
    }

    [Theory]
    [InlineData("text2video")]
    [InlineData("videos/text2video")]
    [InlineData("TEXT2VIDEO")]
    public async Task A_kind_hint_in_the_callback_URL_queries_that_kind_only(string hint)
    {
        _api.Statuses["t2v"] = "succeed";
        _api.Kinds["t2v"] = KlingTaskKind.TextToVideo;
        await StartAsync();

        var status = await Callback("t2v", "succeed", "/kling/callback?kind=" + Uri.EscapeDataString(hint));
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["t2v:succeed"], Deliveries());
        Assert.Equal(KlingTaskKind.TextToVideo, Assert.Single(_delivered).Data.Kind);
        Assert.Equal(["videos/text2video"], _api.RoutesQueriedFor("t2v"));
    }

    [Fact]
    public async Task A_wrong_kind_hint_costs_a_query_but_never_hides_the_real_task()
    {
        _api.Statuses["i2v"] = "processing";
        await StartAsync();

        await Callback("i2v", "processing", "/kling/callback?kind=text2video");
        await Idle();

        Assert.Equal(["i2v:processing"], Deliveries());
        Assert.Equal(KlingTaskKind.ImageToVideo, Assert.Single(_delivered).Data.Kind);
        Assert.Equal(["videos/text2video", "videos/image2video"], _api.RoutesQueriedFor("i2v"));
    }

    [Theory]
    [InlineData("../../account")]
    [InlineData("videos/not-a-kind")]
    [InlineData("")]
    public async Task A_kind_hint_that_is_not_a_known_kind_is_ignored_and_never_becomes_a_route(string hint)
    {
        _api.Statuses["t2v"] = "processing";
        _api.Kinds["t2v"] = KlingTaskKind.TextToVideo;
        await StartAsync();

        await Callback("t2v", "processing", "/kling/callback?kind=" + Uri.EscapeDataString(hint));
        await Idle();

        Assert.Equal(["t2v:processing"], Deliveries());
        Assert.Equal(["videos/image2video", "videos/text2video"], _api.RoutesQueriedFor("t2v"));
    }

    [Fact]
    public async Task Later_callbacks_for_a_task_query_only_the_kind_it_was_found_under()
    {
        _api.Statuses["t2v"] = "processing";
        _api.Kinds["t2v"] = KlingTaskKind.TextToVideo;
        await StartAsync();

        await Callback("t2v", "processing");
        await Idle();
        _api.Statuses["t2v"] = "succeed";
        await Callback("t2v", "succeed", "/kling/callback?kind=image2video"); // A forged or wrong hint changes nothing now.
        await Idle();

        Assert.Equal(["t2v:processing", "t2v:succeed"], Deliveries());
        Assert.All(_delivered, task => Assert.Equal(KlingTaskKind.TextToVideo, task.Data.Kind));
        Assert.Equal(["videos/image2video", "videos/text2video", "videos/text2video"], _api.RoutesQueriedFor("t2v"));
    }

    [Fact]
    public async Task Text2video_callbacks_are_deduplicated_like_any_other_with_concurrent_workers()
    {
        for (var i = 0; i < 10; i++)
        {
            _api.Statuses[$"t-{i}"] = "succeed";
            _api.Kinds[$"t-{i}"] = i % 2 == 0 ? KlingTaskKind.TextToVideo : KlingTaskKind.ImageToVideo;
        }

        await StartAsync(options: new KlingCallbackEndpointOptions { MaxConcurrency = 4 });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Callback(
            $"t-{i % 10}", "succeed", i % 4 == 0 ? "/kling/callback?kind=text2video" : "/kling/callback")));
        await Idle();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"t-{i}:succeed").Order(), Deliveries().Order());
        Assert.All(_delivered, task => Assert.Equal(_api.Kinds[task.Data.TaskId], task.Data.Kind));
    }

    [Fact]
    public async Task The_callback_is_answered_before_a_slow_handler_finishes()
    {
        _api.Statuses["t-1"] = "processing";
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        await StartAsync(async (_, _, cancellationToken) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        });

        var status = await Callback("t-1", "processing");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
        await Idle();
    }

    [Fact]
    public async Task A_spoofed_task_id_never_reaches_the_handler()
    {
        _api.Statuses["real"] = "processing";
        await StartAsync();

        var status = await Callback("forged-123", "succeed");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status); // Nothing is revealed to the sender.
        Assert.Empty(_delivered);
        Assert.Equal(KlingTaskKind.Known.Select(kind => kind.Route), _api.RoutesQueriedFor("forged-123")); // One query per known kind.
    }

    [Fact]
    public async Task A_spoofed_task_id_with_a_kind_hint_never_reaches_the_handler()
    {
        await StartAsync();

        var status = await Callback("forged-123", "succeed", "/kling/callback?kind=text2video");
        await Idle();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(_delivered);
        Assert.Equal(KlingTaskKind.Known.Count, _api.QueriesFor("forged-123")); // Never more than one query per known kind.
    }

    [Fact]
    public async Task Repeated_deliveries_of_one_status_reach_the_handler_once()
    {
        _api.Statuses["t-1"] = "processing";
        await StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await Callback("t-1", "processing");
            await Idle();
        }

        _api.Statuses["t-1"] = "succeed";
        await Callback("t-1", "succeed");
        await Callback("t-1", "succeed");
        await Idle();

        Assert.Equal(["t-1:processing", "t-1:succeed"], Deliveries());
    }

    [Fact]
    public async Task A_stale_out_of_order_callback_is_not_delivered_and_costs_no_query_after_the_end()
    {
        _api.Statuses["t-1"] = "succeed";
        await StartAsync();

        await Callback("t-1", "succeed");
        await Idle();
        await Callback("t-1", "processing"); // Arrives late, claims an older status.
        await Callback("t-1", "submitted");
        await Idle();

        Assert.Equal(["t-1:succeed"], Deliveries());
        Assert.Equal(1, _api.QueriesFor("t-1"));
    }

    [Fact]
    public async Task A_status_that_goes_backwards_on_the_API_is_not_delivered()
    {
        _api.Statuses["t-1"] = "processing";
        await StartAsync();

        await Callback("t-1", "processing");
        await Idle();
        _api.Statuses["t-1"] = "submitted"; // A lagging replica answering an older state.
        await Callback("t-1", "submitted");
        await Idle();

        Assert.Equal(["t-1:processing"], Deliveries());
    }

    [Fact]
    public async Task A_failed_task_is_delivered_like_any_terminal_status()
    {
        _api.Statuses["t-1"] = "failed";
        await StartAsync();

        await Callback("t-1", "failed");
        await Idle();

        Assert.Equal(["t-1:failed"], Deliveries());
    }

    [Fact]
    public async Task A_callback_during_handling_of_the_same_task_is_processed_afterwards()
    {
        _api.Statuses["t-1"] = "processing";
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        await StartAsync(async (task, _, cancellationToken) =>
        {
            _delivered.Enqueue(task);
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        });

        await Callback("t-1", "processing");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _api.Statuses["t-1"] = "succeed";
        await Callback("t-1", "succeed");
        release.SetResult();
        await Idle();

        Assert.Equal(["t-1:processing", "t-1:succeed"], Deliveries());
    }

    [Fact]
    public async Task Each_status_is_delivered_once_with_concurrent_workers_and_many_duplicate_callbacks()
    {
        for (var i = 0; i < 20; i++)
        {
            _api.Statuses[$"t-{i}"] = "succeed";
        }

        await StartAsync(options: new KlingCallbackEndpointOptions { MaxConcurrency = 4 });

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Callback($"t-{i % 20}", "succeed")));
        await Idle();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"t-{i}:succeed").Order(), Deliveries().Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"task_status\":\"succeed\"}")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_a_task_is_refused_with_400(string body)
    {
        await StartAsync();

        var status = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_api.Queries);
    }

    [Fact]
    public async Task The_task_inside_an_envelope_is_accepted()
    {
        _api.Statuses["t-1"] = "processing";
        await StartAsync();

        await PostAsync("""{"code":0,"message":"SUCCEED","data":{"task_id":"t-1","task_status":"processing"}}""");
        await Idle();

        Assert.Equal(["t-1:processing"], Deliveries());
    }

    [Fact]
    public async Task A_full_queue_answers_503_so_the_sender_can_retry_later()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            _api.Statuses[id] = "processing";
        }

        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        await StartAsync(
            async (task, _, cancellationToken) =>
            {
                _delivered.Enqueue(task);
                entered.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            },
            new KlingCallbackEndpointOptions { MaxConcurrency = 1, QueueCapacity = 1 });

        Assert.Equal(HttpStatusCode.OK, await Callback("a", "processing"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, await Callback("b", "processing"));
        Assert.Equal(HttpStatusCode.OK, await Callback("b", "processing")); // Already queued: coalesced, not refused.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Callback("c", "processing"));

        release.SetResult();
        await Idle();
        Assert.Equal(["a:processing", "b:processing"], Deliveries());
    }

    [Fact]
    public async Task A_transient_API_failure_is_retried_by_the_client_pipeline_before_delivering()
    {
        _api.Statuses["t-1"] = "processing";
        _api.Failures["t-1"] = new ConcurrentQueue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway]);
        await StartAsync();

        await Callback("t-1", "processing");
        await Idle();

        Assert.Equal(["t-1:processing"], Deliveries());
        Assert.Equal(3, _api.QueriesFor("t-1"));
    }

    [Fact]
    public async Task A_persistent_API_failure_drops_the_callback_after_the_client_retries_without_stacking_more()
    {
        _api.Statuses["t-1"] = "processing";
        _api.Failures["t-1"] = new ConcurrentQueue<HttpStatusCode>(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 10));
        await StartAsync();

        await Callback("t-1", "processing");
        await Idle();

        Assert.Empty(_delivered);
        Assert.Equal(3, _api.QueriesFor("t-1")); // A failure that is not "task not found" does not move on to another kind.
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_later_deliveries()
    {
        _api.Statuses["bad"] = "processing";
        _api.Statuses["good"] = "processing";
        await StartAsync((task, _, _) =>
        {
            if (task.Data.TaskId == "bad")
            {
                throw new InvalidOperationException("handler bug");
            }

            _delivered.Enqueue(task);
            return Task.CompletedTask;
        });

        await Callback("bad", "processing");
        await Callback("good", "processing");
        await Idle();

        Assert.Equal(["good:processing"], Deliveries());
    }

    [Fact]
    public async Task The_handler_gets_a_service_scope_of_its_own_per_delivery()
    {
        _api.Statuses["a"] = "processing";
        _api.Statuses["b"] = "processing";
        var scopes = new ConcurrentBag<ScopedThing>();
        await StartAsync((_, services, _) =>
        {
            scopes.Add(services.GetRequiredService<ScopedThing>());
            return Task.CompletedTask;
        });

        await Callback("a", "processing");
        await Callback("b", "processing");
        await Idle();

        Assert.Equal(2, scopes.Distinct().Count());
    }

    [Fact]
    public async Task The_simple_overload_maps_the_same_endpoint()
    {
        _api.Statuses["t-1"] = "succeed";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddKlingClient(o =>
        {
            o.ApiKey = "sk-callback";
            o.Resilience.MaxRetryAttempts = 2; // the client's retries are the processor's only retries
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
        }).ConfigurePrimaryHttpMessageHandler(() => _api);
        _app = builder.Build();
        var delivered = new TaskCompletionSource<TaskResponse>();
        _app.MapKlingCallback("/hooks/kling", (task, _) =>
        {
            delivered.TrySetResult(task);
            return Task.CompletedTask;
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);

        using var response = await _app.GetTestClient().PostAsync(
            "/hooks/kling", new StringContent("""{"task_id":"t-1","task_status":"succeed"}"""), TestContext.Current.CancellationToken);
        var task = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
    }

    [Fact]
    public async Task Only_POST_is_mapped()
    {
        await StartAsync();

        using var response = await _client.GetAsync("/kling/callback", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public void Unusable_options_are_refused_when_mapping()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddKlingClient(o => o.ApiKey = "sk");
        using var app = builder.Build();

        var error = Assert.Throws<ArgumentException>(() => app.MapKlingCallback(
            "/cb", (_, _) => Task.CompletedTask, new KlingCallbackEndpointOptions { QueueCapacity = 0, MaxConcurrency = 0, TrackedTaskCapacity = 0 }));

        foreach (var name in new[] { "QueueCapacity", "MaxConcurrency", "TrackedTaskCapacity" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mapping_without_a_registered_KlingClient_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapKlingCallback("/cb", (_, _) => Task.CompletedTask));

        Assert.Contains("AddKlingClient", error.Message, StringComparison.Ordinal);
    }

    private sealed class ScopedThing;
}
