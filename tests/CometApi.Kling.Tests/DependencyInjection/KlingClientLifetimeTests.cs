using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.Tests.DependencyInjection;

/// <summary>
/// <c>AddKlingClient</c> registers one <see cref="KlingClient"/> per registration: every resolve gets the same instance,
/// so <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> holds for the application, not per injection, while the
/// requests still go through the handler pipeline of <see cref="IHttpClientFactory"/> (rotated handlers included).
/// </summary>
public class KlingClientLifetimeTests
{
    private const string SubmittedJson =
        """{"code":0,"message":"SUCCEED","request_id":"req-1","data":{"task_id":"abc","task_status":"submitted","created_at":1722769557708,"updated_at":1722769557708}}""";

    private const string SucceededJson =
        """{"code":0,"message":"SUCCEED","request_id":"req-2","data":{"task_id":"abc","task_status":"succeed","created_at":1722769557708,"updated_at":1722769557708}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ImageToVideoRequest Request() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
        Prompt = "a cat turns its head",
    };

    [Fact]
    public void Every_resolve_of_KlingClient_gets_the_same_instance()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code");
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<KlingClient>();
        using var scope = provider.CreateScope();
        var second = scope.ServiceProvider.GetRequiredService<KlingClient>();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Two_resolves_share_one_MaxConcurrentTasks_limit_so_the_second_create_waits_for_the_first_task_to_end()
    {
        var api = new TaskApi();
        var signal = new SlotWaitSignal();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([signal]));
        services.AddKlingClient(options =>
            {
                options.ApiKey = "key-from-code";
                options.Resilience.MaxConcurrentTasks = 1;
            })
            .ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        var created = await provider.GetRequiredService<KlingClient>().CreateImageToVideoAsync(Request(), Token);

        // Another service gets the client injected and creates a task while the first one still runs.
        using var scope = provider.CreateScope();
        var second = scope.ServiceProvider.GetRequiredService<KlingClient>().CreateImageToVideoAsync(Request(), Token);
        var first = await Task.WhenAny(signal.Waiting, second).WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Same(signal.Waiting, first);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, api.Creates);

        // The first task is seen to end (through any resolve): its slot goes to the waiting create.
        api.Succeeded = true;
        var ended = await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, Token);
        await second.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(KlingTaskStatus.Succeeded, ended.Data.TaskStatus);
        Assert.Equal(2, api.Creates);
    }

    [Fact]
    public async Task The_shared_client_follows_the_factory_s_handler_rotation()
    {
        var primaries = 0;
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code")
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                Interlocked.Increment(ref primaries);
                return new TaskApi();
            })
            .SetHandlerLifetime(TimeSpan.FromSeconds(1));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<KlingClient>();

        // One client, resolved once: a new handler (and its connections, so a DNS change) must still be taken up once
        // the factory's handler lifetime has passed. A client holding on to its first handler would stay at one.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        do
        {
            await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);
            await Task.Delay(100, Token);
        }
        while (Volatile.Read(ref primaries) < 2 && DateTime.UtcNow < deadline);

        Assert.True(Volatile.Read(ref primaries) >= 2, $"the client used {primaries} primary handler(s) across the handler lifetime");
    }

    [Fact]
    public async Task The_shared_client_applies_ConfigureHttpClient_of_its_builder()
    {
        var api = new TaskApi();
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code")
            .ConfigureHttpClient(httpClient => httpClient.DefaultRequestHeaders.Add("X-Tenant", "tenant-a"))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);

        Assert.Equal("tenant-a", Assert.Single(api.Tenants));
    }

    /// <summary>Answers creates with a submitted task and queries with it submitted, or succeeded once <see cref="Succeeded"/> is set.</summary>
    internal sealed class TaskApi : HttpMessageHandler
    {
        private int _creates;

        public int Creates => Volatile.Read(ref _creates);

        public volatile bool Succeeded;

        public List<string?> Tenants { get; } = [];

        public List<string?> Authorizations { get; } = [];

        public List<Uri> Urls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Urls)
            {
                Urls.Add(request.RequestUri!);
                Authorizations.Add(request.Headers.Authorization?.ToString());
                Tenants.Add(request.Headers.TryGetValues("X-Tenant", out var values) ? string.Join(",", values) : null);
            }

            if (request.Method == HttpMethod.Post)
            {
                Interlocked.Increment(ref _creates);
            }

            var json = request.Method == HttpMethod.Get && Succeeded ? SucceededJson : SubmittedJson;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }

    /// <summary>Signals the first time a create waits for a slot (the SDK logs event 13 when it does).</summary>
    private sealed class SlotWaitSignal : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 13)
            {
                _waiting.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
