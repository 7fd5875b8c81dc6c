using System.Net;
using CometApi.Kling.Testing;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>One emulator, a faulty transport in front of it and a client on a virtual clock.</summary>
internal sealed class ResilienceHarness : IDisposable
{
    public const string ApiKey = KlingEmulator.DefaultApiKey;

    public ResilienceHarness(ILoggerFactory? loggerFactory = null, Action<KlingResilienceOptions>? resilience = null, string apiKey = ApiKey)
    {
        Clock = new VirtualClock();
        Emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = Clock, ApiKeys = [apiKey] });
        Transport = new FaultyTransport(Emulator.CreateHandler()) { ApiHost = Emulator.BaseAddress };
        var options = new KlingClientOptions
        {
            ApiKey = apiKey,
            BaseAddress = Emulator.BaseAddress,
            AllowInsecureBaseAddress = true,
            TimeProvider = Clock,
            LoggerFactory = loggerFactory,
        };
        resilience?.Invoke(options.Resilience);
        Client = new KlingClient(new HttpClient(Transport) { Timeout = Timeout.InfiniteTimeSpan }, options);
    }

    public VirtualClock Clock { get; }

    public KlingEmulator Emulator { get; }

    public FaultyTransport Transport { get; }

    public KlingClient Client { get; }

    public static ImageToVideoRequest Request(string? externalTaskId = null, KlingImage? image = null) => new()
    {
        Image = image ?? KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
        Prompt = "a cat turns its head",
        ExternalTaskId = externalTaskId,
    };

    public Task<T> Run<T>(Func<Task<T>> operation) => Clock.RunAsync(operation);

    /// <summary>A task that has succeeded, with its video URL.</summary>
    public async Task<TaskResponse> SucceededTaskAsync()
    {
        var created = await Run(() => Client.CreateImageToVideoAsync(Request()));
        Clock.Fake.Advance(TimeSpan.FromSeconds(30));
        return await Run(() => Client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId));
    }

    public int EmulatorCalls(KlingEmulatorEndpoint endpoint) => Transport.Calls.GetValueOrDefault(endpoint);

    public void Dispose() => Emulator.Dispose();

    public static string Describe(Exception? error) => error switch
    {
        null => "ok",
        KlingApiException { Code: { } code } api => $"{nameof(KlingApiException)} ({(int)api.StatusCode}, {code})",
        KlingApiException api => $"{nameof(KlingApiException)} ({(int)api.StatusCode})",
        KlingDownloadException { StatusCode: { } status } => $"{nameof(KlingDownloadException)} ({(int)status})",
        _ => error.GetType().Name,
    };

    public static KlingEmulatorFault HugeBody() => KlingEmulatorFault.Status(HttpStatusCode.OK, "{\"code\":0,\"pad\":\"" + new string('x', 9 * 1024 * 1024) + "\"}");
}
