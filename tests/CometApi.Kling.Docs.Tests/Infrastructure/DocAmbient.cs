using CometApi.Kling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// What a doc block may use without declaring it: the variables its prose takes for granted (<c>client</c>,
/// <c>created</c>, <c>services</c>, <c>app</c>, ...), made as a reader's program would have them, all pointing at the
/// run's emulator. <see cref="Names"/> is the list; a block gets a declaration (<c>var client = ...;</c>) for each
/// name it uses and does not declare itself. Public because the blocks' in-memory assemblies read it.
/// </summary>
public sealed class DocAmbient : IAsyncDisposable
{
    private const string Type = "global::CometApi.Kling.Docs.Tests.Infrastructure.DocAmbient";
    private const string Self = Type + ".Current";

    private readonly DocsFixture _fixture;
    private readonly List<IAsyncDisposable> _owned = [];
    private KlingClient? _client;

    internal DocAmbient(DocsFixture fixture, CancellationToken cancellationToken)
    {
        _fixture = fixture;
        CancellationToken = cancellationToken;
    }

    /// <summary>The ambient values of the block that runs now (the blocks run one at a time).</summary>
    public static DocAmbient Current { get; internal set; } = null!;

    /// <summary>
    /// The names, each with the expression its declaration reads and, where two docs use one name for different
    /// things, the file it is meant for (that entry wins there).
    /// </summary>
    internal static IReadOnlyList<(string Name, string Expression, string? File)> Names { get; } =
    [
        ("client", $"{Self}.Client", null),
        ("request", $"{Type}.ImageToVideoRequest", null),
        ("request", $"await {Self}.CallbackRequestAsync()", "docs/callbacks.md"),
        ("created", $"await {Self}.CreateTextToVideoAsync()", null),
        ("done", $"await {Self}.SucceededImageToVideoAsync()", null),
        ("task", $"await {Self}.SucceededImageToVideoAsync()", null),
        ("taskId", $"(await {Self}.CreateTextToVideoAsync()).Data.TaskId", null),
        ("taskId", $"(await {Self}.CreateImageToVideoAsync()).Data.TaskId", "docs/waiting.md"),
        ("videoId", $"await {Self}.VideoIdAsync()", null),
        ("progress", $"{Self}.DownloadProgress", null),
        ("ct", $"{Self}.CancellationToken", null),
        ("cancellationToken", $"{Self}.CancellationToken", null),
        ("configuration", $"{Self}.Configuration", null),
        ("services", $"{Self}.CreateServices()", null),
        ("serviceProvider", $"{Self}.CreateTenantServices()", null),
        ("tenant", $"{Type}.Tenant", null),
        ("tenantBKey", $"{Type}.TenantBKey", null),
        ("generator", $"{Self}.ImageGenerator", null),
        ("builder", $"{Self}.CreateBuilder()", null),
        ("app", $"{Self}.CreateApp()", null),
        ("handler", $"{Type}.CallbackHandler", null),
        ("oldSecret", $"{Type}.OldWebhookSecret", null),
        ("newSecret", $"{Type}.NewWebhookSecret", null),
        ("loggerFactory", $"{Type}.LoggerFactory", null),
        ("emulator", $"{Self}.CreateEmulator()", null),
        ("MyJsonContext", $"{Type}.UserJsonContext", null),
    ];

    /// <summary>Bounds the block's run; the blocks that take a token get this one.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A client of the run's emulator over loopback HTTP (its clock: waits take milliseconds).</summary>
    public KlingClient Client => _client ??= _fixture.Server.CreateClient();

    /// <summary>An image-to-video request with a URL image, as the README's quick start builds it.</summary>
    public static ImageToVideoRequest ImageToVideoRequest => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
        Prompt = "The cat turns its head",
    };

    /// <summary>
    /// The request a callback endpoint receives for a text-to-video task the emulator runs: its body is the bare task
    /// object (Kling's legacy callback body), unsigned.
    /// </summary>
    public async Task<HttpRequest> CallbackRequestAsync()
    {
        var task = await CreateTextToVideoAsync().ConfigureAwait(false);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(KlingJson.SerializeToUtf8Bytes(task.Data));
        return context.Request;
    }

    /// <summary>Progress reports for a download; nobody reads them.</summary>
    public IProgress<KlingDownloadProgress> DownloadProgress { get; } = new Progress<KlingDownloadProgress>();

    /// <summary>Configuration with a <c>Kling</c> section for the emulator (key, address, webhook secret, a tenant).</summary>
    public IConfiguration Configuration => _fixture.Configuration;

    /// <summary>The name of the tenant <see cref="CreateTenantServices"/> registers.</summary>
    public static string Tenant => "tenant-a";

    /// <summary>The key of the README's second tenant.</summary>
    public static string TenantBKey => KlingEmulator.DefaultApiKey;

    /// <summary>A webhook secret (<c>whsec_</c> + base64), as Kling shows one.</summary>
    public static string OldWebhookSecret => DocsFixture.WebhookSecret;

    /// <summary>The secret that replaces <see cref="OldWebhookSecret"/> during a rotation.</summary>
    public static string NewWebhookSecret => "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=";

    /// <summary>An <c>IImageGenerator</c> over <see cref="Client"/>.</summary>
    public IImageGenerator ImageGenerator => Client.AsIImageGenerator();

    /// <summary>The callback handler a reader passes to <c>MapKlingCallback</c>.</summary>
    public static Func<TaskResponse, CancellationToken, Task> CallbackHandler => (_, _) => Task.CompletedTask;

    /// <summary>Stands in for a reader's own source-generated context (<c>MyJsonContext.Default</c>), which knows only the reader's types.</summary>
    public static UserJsonContextStandIn UserJsonContext { get; } = new();

    /// <summary>A logger factory; the blocks only pass it on.</summary>
    public static ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Creates a text-to-video task on the emulator (it is still running).</summary>
    public Task<TaskResponse> CreateTextToVideoAsync() =>
        Client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox runs through fresh snow" }, CancellationToken);

    /// <summary>Creates an image-to-video task on the emulator (it is still running).</summary>
    public Task<TaskResponse> CreateImageToVideoAsync() => Client.CreateImageToVideoAsync(ImageToVideoRequest, CancellationToken);

    /// <summary>An image-to-video task that has succeeded.</summary>
    public async Task<TaskResponse> SucceededImageToVideoAsync() =>
        await Client.WaitForCompletionAsync(await CreateImageToVideoAsync().ConfigureAwait(false), cancellationToken: CancellationToken).ConfigureAwait(false);

    /// <summary>The id of a video Kling made (a succeeded task's).</summary>
    public async Task<string> VideoIdAsync() => (await SucceededImageToVideoAsync().ConfigureAwait(false)).Data.TaskResult!.Videos[0].Id
        ?? throw new InvalidOperationException("the emulator's video has no id");

    /// <summary>A fresh service collection; its Kling clients use the run's clock.</summary>
    public IServiceCollection CreateServices() => _fixture.AddRunClock(new ServiceCollection());

    /// <summary>Services where the client named <see cref="Tenant"/> is registered.</summary>
    public IServiceProvider CreateTenantServices()
    {
        var services = CreateServices();
        services.AddKlingClient(Tenant, Configuration.GetSection("Kling:Tenants:tenant-a"));
        return Own(services.BuildServiceProvider());
    }

    /// <summary>A web application builder with <see cref="Configuration"/>, as <c>WebApplication.CreateBuilder(args)</c> gives a reader.</summary>
    public WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Environment.CurrentDirectory });
        builder.Configuration.AddConfiguration(Configuration);
        _fixture.AddRunClock(builder.Services);
        return builder;
    }

    /// <summary>A built web application with a <see cref="KlingClient"/> registered (never started).</summary>
    public WebApplication CreateApp()
    {
        var builder = CreateBuilder();
        builder.Services.AddKlingClient(builder.Configuration.GetSection("Kling"));
        return Own(builder.Build());
    }

    /// <summary>An in-process emulator of its own, so faults a block scripts reach no other block.</summary>
    public KlingEmulator CreateEmulator()
    {
        var emulator = new KlingEmulator();
        _owned.Add(new AsyncDisposer(emulator));
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private T Own<T>(T value)
        where T : IAsyncDisposable
    {
        _owned.Add(value);
        return value;
    }

    private sealed class AsyncDisposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
