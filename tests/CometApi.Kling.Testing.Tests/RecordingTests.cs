using System.Net;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class RecordingTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Each_request_is_recorded_with_method_path_query_headers_body_and_answer()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient(options => options.Resilience.AutoExternalTaskId = false);
        var created = await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), Prompt = "hi" }, TestContext.Current.CancellationToken);
        await client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 5, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var create = emulator.Requests[0];
        var list = emulator.Requests[1];

        Assert.Equal("POST", create.Method);
        Assert.Equal("/kling/v1/videos/image2video", create.Path);
        Assert.Equal("", create.Query);
        Assert.Equal("Bearer sk-kling-emulator", create.Headers["authorization"]);
        Assert.StartsWith("application/json", create.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.StartsWith("CometApi.Kling/", create.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("""{"image":"https://example.com/a.png","prompt":"hi"}""", create.BodyText);
        Assert.Equal(KlingEmulatorEndpoint.Create, create.Endpoint);
        Assert.Equal(200, create.ResponseStatusCode);
        Assert.Equal(created.Data.TaskId, create.TaskId);
        Assert.Equal(_clock.GetUtcNow(), create.ReceivedAt);
        Assert.Null(create.Fault);

        Assert.Equal("pageNum=1&pageSize=5", list.Query);
        Assert.Equal(KlingEmulatorEndpoint.List, list.Endpoint);
        Assert.True(list.Body.IsEmpty);
        Assert.Equal("#2 GET /kling/v1/videos/image2video?pageNum=1&pageSize=5 -> 200", list.ToString());
    }

    [Fact]
    public async Task Requests_are_numbered_overall_and_per_endpoint()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        await api.QueryAsync(id);
        await api.CreateAsync(RawApi.MinimalBody());
        await api.QueryAsync(id);

        Assert.Equal([1L, 2, 3, 4], emulator.Requests.Select(r => r.Sequence));
        Assert.Equal([1, 1, 2, 2], emulator.Requests.Select(r => r.CallNumber));
    }

    [Fact]
    public async Task A_test_can_assert_that_exactly_one_task_was_created_despite_retries()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1302, "too fast"), onCall: 1, times: 2);
        using var api = new RawApi(emulator);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if ((await api.CreateAsync(RawApi.MinimalBody("once"))).Status == 200)
            {
                break;
            }
        }

        Assert.Single(emulator.Tasks);
        Assert.Equal([429, 429, 200], emulator.Requests.Where(r => r.Endpoint == KlingEmulatorEndpoint.Create).Select(r => r.ResponseStatusCode));
        Assert.Single(emulator.Requests, r => r.Endpoint == KlingEmulatorEndpoint.Create && r.TaskId is not null);
    }

    [Fact]
    public async Task Refused_requests_are_recorded_too()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator, apiKey: null);

        await api.CreateAsync("""{"duration":5}""");

        var request = Assert.Single(emulator.Requests);
        Assert.Equal(401, request.ResponseStatusCode);
        Assert.Equal("""{"duration":5}""", request.BodyText);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Many_parallel_clients_each_get_their_own_task_and_every_request_is_recorded()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var clients = Enumerable.Range(0, 8).Select(_ => emulator.CreateClient()).ToArray();

        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(
            () => clients[i % clients.Length].CreateImageToVideoAsync(
                new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), ExternalTaskId = $"job-{i}" },
                TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));
        var queried = await Task.WhenAll(created.Select(c => Task.Run(
            () => clients[0].GetTaskAsync(KlingTaskKind.ImageToVideo, c.Data.TaskId, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        Assert.Equal(200, emulator.Tasks.Count);
        Assert.Equal(200, created.Select(c => c.Data.TaskId).Distinct().Count());
        Assert.Equal(created.Select(c => c.Data.TaskInfo!.ExternalTaskId), queried.Select(q => q.Data.TaskInfo!.ExternalTaskId));
        Assert.Equal(400, emulator.Requests.Count);
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), emulator.Requests.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(1, 200), emulator.Requests.Where(r => r.Endpoint == KlingEmulatorEndpoint.Create).Select(r => r.CallNumber).Order());
    }
}
