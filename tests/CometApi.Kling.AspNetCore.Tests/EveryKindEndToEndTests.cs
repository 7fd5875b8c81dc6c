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
public sealed class EveryKindEndToEndTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<TaskResponse> _delivered = new();
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
        TaskResponse created = kind == KlingTaskKind.TextToVideo
            ? await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox runs through fresh snow", AspectRatio = "9:16", CallbackUrl = callbackUrl }, token)
            : await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = "The cat turns its head", CallbackUrl = callbackUrl }, token);
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!_delivered.Any(task => task.Data.TaskId == taskId && task.Data.TaskStatus == status))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kling-e2e-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
