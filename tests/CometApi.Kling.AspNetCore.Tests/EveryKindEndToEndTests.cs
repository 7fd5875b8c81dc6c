using System.Collections.Concurrent;
using CometApi.Kling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.AspNetCore.Tests;

/// <summary>
/// One path for every kind, over real sockets: the emulator's HTTP server is the API, a Kestrel app on loopback maps the
/// callback endpoint, and each kind's task goes create → wait → download → callback through the same client calls.
/// </summary>
/// <remarks>
/// Runs alone (not beside the other test classes of this assembly): it uses real sockets and real time, and a thread
/// pool starved by parallel tests on a 2-core machine can delay a re-fetch past any reasonable wait.
/// </remarks>
[Collection(nameof(RealSocketsGroup))]
public sealed class EveryKindEndToEndTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<TaskResponse> _delivered = new();
    private readonly ConcurrentQueue<string> _log = new();
    private KlingEmulatorServer? _api;
    private WebApplication? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    public static TheoryData<string> Kinds() => new(KlingTaskKind.Known.Select(kind => kind.Name));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_task_of_each_kind_goes_create_wait_download_callback_on_one_path(string kindName)
    {
        var token = TestContext.Current.CancellationToken;
        Assert.True(KlingTaskKind.TryParse(kindName, out var kind));
        await StartAsync(token);
        var client = _app!.Services.GetRequiredService<KlingClient>();
        var callbackUrl = new Uri(new Uri(ListeningAddress()), "kling/callback");
        using var output = new TempFolder();

        // Only the create differs by kind; everything after it is the same code for every kind.
        var created = await CreateAsync(client, kind, callbackUrl, token);
        Assert.Equal(kind, created.Data.Kind);

        var done = await client.WaitForCompletionAsync(created, Fast(), token);
        var files = await client.DownloadResultsAsync(done, Path.Combine(output.Path, "out.mp4"), cancellationToken: token);

        Assert.Equal(KlingTaskStatus.Succeed, done.Data.TaskStatus);
        Assert.Equal(kind, done.Data.Kind);
        var file = Assert.Single(files);
        var bytes = await File.ReadAllBytesAsync(file, token);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4)); // an MP4 a player opens

        // The emulator called back on each status change; the endpoint re-fetched the task under its own kind.
        await _api!.Emulator.WaitForCallbacksAsync(token);
        await WaitForDeliveryAsync(created.Data.TaskId, KlingTaskStatus.Succeed, token);
        var final = _delivered.Last(task => task.Data.TaskId == created.Data.TaskId);
        Assert.Equal(kind, final.Data.Kind);
        Assert.Equal(done.Data.TaskResult!.Videos[0].Id, final.Data.TaskResult!.Videos[0].Id);
    }

    /// <summary>One create per kind; a kind that needs a setup step first (lip-sync's identify-face) takes it here.</summary>
    private static async Task<TaskResponse> CreateAsync(KlingClient client, KlingTaskKind kind, Uri callbackUrl, CancellationToken token)
    {
        var image = KlingImage.FromUrl(new Uri("https://example.com/cat.png"));
        var speech = KlingAudio.FromUrl(new Uri("https://example.com/hello.mp3"));
        switch (kind.Name)
        {
            case "text2video":
                return await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox runs through fresh snow", AspectRatio = "9:16", CallbackUrl = callbackUrl }, token);
            case "image2video":
                return await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image, Prompt = "The cat turns its head", CallbackUrl = callbackUrl }, token);
            case "avatar":
                return await client.CreateAvatarAsync(new AvatarRequest { Image = image, SoundFile = speech, Prompt = "The cat says hello", CallbackUrl = callbackUrl }, token);
            case "lip-sync":
                var faces = await client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoUrl = new Uri("https://example.com/talk.mp4") }, token);
                var face = Assert.Single(faces.Faces);
                var choice = new KlingFaceChoice { FaceId = face.FaceId, SoundFile = speech, SoundStartTime = 0, SoundEndTime = 3000, SoundInsertTime = face.StartTime };
                return await client.CreateLipSyncAsync(new LipSyncRequest { SessionId = faces.SessionId, FaceChoose = [choice], CallbackUrl = callbackUrl }, token);
            default:
                throw new InvalidOperationException($"No request for the kind {kind.Name}: add one here.");
        }
    }

    private static KlingWaitOptions Fast() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(50),
        MinPollInterval = TimeSpan.FromMilliseconds(50),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private async Task StartAsync(CancellationToken token)
    {
        _api = await KlingEmulator.StartServerAsync(
            new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(100), ProcessingDuration = TimeSpan.FromMilliseconds(300) },
            cancellationToken: token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // The endpoint's own account of each callback (re-fetched, not of this kind, dropped...), shown if a delivery is missing.
        builder.Logging.AddProvider(new QueueLoggerProvider(_log));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddKlingClient(o =>
        {
            o.ApiKey = KlingEmulator.DefaultApiKey;
            o.BaseAddress = _api.BaseAddress;
        });
        _app = builder.Build();
        _app.MapKlingCallback("/kling/callback", (task, _, _) =>
        {
            _delivered.Enqueue(task);
            return Task.CompletedTask;
        });
        await _app.StartAsync(token);
    }

    private string ListeningAddress() =>
        _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

    private async Task WaitForDeliveryAsync(string taskId, KlingTaskStatus status, CancellationToken token)
    {
        // Generous for a loaded 2-core CI machine; a delivery that never comes fails with the endpoint's log.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_delivered.Any(task => task.Data.TaskId == taskId && task.Data.TaskStatus == status))
        {
            Assert.True(
                DateTime.UtcNow < deadline,
                $"No '{status}' delivery for task {taskId} within 60 s. Delivered: [{string.Join(", ", _delivered.Select(task => $"{task.Data.TaskId}:{task.Data.TaskStatus}"))}]. "
                + $"Callbacks sent: [{string.Join(", ", _api!.Emulator.CallbackDeliveries.Select(delivery => delivery.ToString()))}]. Log:\n{string.Join("\n", _log)}");
            await Task.Delay(20, token);
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => category.StartsWith("CometApi.Kling", StringComparison.Ordinal);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kling-e2e-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
