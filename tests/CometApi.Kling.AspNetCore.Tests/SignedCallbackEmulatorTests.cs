using System.Collections.Concurrent;
using CometApi.Kling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.AspNetCore.Tests;

/// <summary>
/// The endpoint against the emulator in Kling-host mode, whose signer is written independently of the SDK's verifier:
/// the emulator creates the task, signs each status callback and posts it (in-process) to the endpoint, which verifies
/// it and re-fetches the task from the emulator. All on one virtual clock.
/// </summary>
public sealed class SignedCallbackEmulatorTests : IAsyncDisposable
{
    private const string Secret = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=";
    private const string OldSecret = "whsec_b2xkc2VjcmV0b2xkc2VjcmV0b2xkc2VjcmV0b2xk";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1781080794));
    private readonly ConcurrentQueue<TaskResponse> _delivered = new();
    private readonly ForwardingHandler _toEndpoint = new();
    private KlingEmulator? _emulator;
    private WebApplication? _app;
    private KlingCallbackEndpointOptions _options = null!;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _emulator?.Dispose();
        _toEndpoint.Dispose();
    }

    private async Task<KlingClient> StartAsync(string[] emulatorSecrets, string[] endpointSecrets, bool newStandard)
    {
        _emulator = new KlingEmulator(new KlingEmulatorOptions
        {
            Host = KlingHost.Official,
            TimeProvider = _clock,
            CallbackHandler = _toEndpoint,
            WebhookSecrets = emulatorSecrets,
            NewStandardCallbacks = newStandard,
            SucceededSpelling = newStandard,
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddKlingClient(o =>
        {
            o.Host = KlingHost.Official;
            o.ApiKey = KlingEmulator.DefaultApiKey;
            o.BaseAddress = _emulator.BaseAddress;
            o.AllowInsecureBaseAddress = true; // In-process: the emulator's address never reaches a network.
        }).ConfigurePrimaryHttpMessageHandler(_emulator.CreateHandler);
        _app = builder.Build();
        _options = new KlingCallbackEndpointOptions { WebhookSecrets = endpointSecrets, TimeProvider = _clock };
        _app.MapKlingCallback("/kling/callback", (task, _, _) =>
        {
            _delivered.Enqueue(task);
            return Task.CompletedTask;
        }, _options);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _toEndpoint.Target = _app.GetTestServer().CreateHandler();
        return _app.Services.GetRequiredService<KlingClient>();
    }

    /// <summary>Creates a task and lets the emulator run it to the end, waiting for each callback and its handling.</summary>
    private async Task<string> RunTaskAsync(KlingClient client)
    {
        var token = TestContext.Current.CancellationToken;
        var created = await client.CreateTextToVideoAsync(
            new TextToVideoRequest { Prompt = "A red fox runs through fresh snow", CallbackUrl = new Uri("http://receiver.test/kling/callback?kind=text2video") }, token);
        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4) })
        {
            _clock.Advance(step);
            await _emulator!.WaitForCallbacksAsync(token);
            await _options.Processor!.WhenIdle.WaitAsync(TimeSpan.FromSeconds(10), token);
        }

        return created.Data.TaskId;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_status_callback_the_emulator_signs_is_verified_and_delivered(bool newStandard)
    {
        var client = await StartAsync([Secret], [Secret], newStandard);

        var taskId = await RunTaskAsync(client);

        Assert.All(_emulator!.CallbackDeliveries, delivery => Assert.Equal(200, delivery.ResponseStatusCode));
        Assert.Equal(3, _emulator.CallbackDeliveries.Count);
        Assert.Equal(
            [KlingTaskStatus.Submitted, KlingTaskStatus.Processing, KlingTaskStatus.Succeeded],
            _delivered.Where(task => task.Data.TaskId == taskId).Select(task => task.Data.TaskStatus));
    }

    [Fact]
    public async Task A_rotation_signed_with_old_and_new_secret_is_accepted_by_an_endpoint_holding_only_the_new_one()
    {
        var client = await StartAsync([OldSecret, Secret], [Secret], newStandard: true);

        var taskId = await RunTaskAsync(client);

        Assert.All(_emulator!.CallbackDeliveries, delivery => Assert.Equal(200, delivery.ResponseStatusCode));
        Assert.Equal(KlingTaskStatus.Succeeded, _delivered.Last(task => task.Data.TaskId == taskId).Data.TaskStatus);
    }

    [Fact]
    public async Task Callbacks_signed_with_another_secret_are_refused_401_and_never_reach_the_handler()
    {
        var client = await StartAsync([OldSecret], [Secret], newStandard: true);

        await RunTaskAsync(client);

        Assert.Equal(3, _emulator!.CallbackDeliveries.Count);
        Assert.All(_emulator.CallbackDeliveries, delivery => Assert.Equal(401, delivery.ResponseStatusCode));
        Assert.Empty(_delivered);
    }

    [Fact]
    public async Task Unsigned_callbacks_are_refused_401_by_an_endpoint_that_expects_a_signature()
    {
        var client = await StartAsync([], [Secret], newStandard: false);

        await RunTaskAsync(client);

        Assert.All(_emulator!.CallbackDeliveries, delivery => Assert.Equal(401, delivery.ResponseStatusCode));
        Assert.Empty(_delivered);
    }

    /// <summary>Lets the emulator be built before the endpoint it posts to exists.</summary>
    private sealed class ForwardingHandler : HttpMessageHandler
    {
        public HttpMessageHandler? Target { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = Target ?? throw new InvalidOperationException("The endpoint is not started yet.");
            using var invoker = new HttpMessageInvoker(target, disposeHandler: false);
            return invoker.SendAsync(request, cancellationToken);
        }
    }
}
