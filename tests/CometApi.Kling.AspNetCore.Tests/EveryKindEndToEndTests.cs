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

    // Kling's own host: signed callbacks during a rotation (the old and the new secret), the endpoint holding the new one.
    private const string OldWebhookSecret = "whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC1zZWNyZXQ=";
    private const string NewWebhookSecret = "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=";

    public static TheoryData<string, KlingHost> Kinds()
    {
        var data = new TheoryData<string, KlingHost>();
        foreach (var host in new[] { KlingHost.CometApi, KlingHost.Official })
        {
            foreach (var kind in KlingTaskKind.Known)
            {
                data.Add(kind.Name, host);
            }
        }

        return data;
    }

    /// <remarks>
    /// On Kling's own host the same path runs with signed tokens (access key + secret key), the <c>succeeded</c>
    /// spelling, and signed callbacks that the endpoint verifies before re-fetching.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_task_of_each_kind_goes_create_wait_download_callback_on_one_path(string kindName, KlingHost host)
    {
        var token = TestContext.Current.CancellationToken;
        Assert.True(KlingTaskKind.TryParse(kindName, out var kind));
        await StartAsync(host, token);
        var client = _app!.Services.GetRequiredService<KlingClient>();
        var callbackUrl = new Uri(new Uri(ListeningAddress()), "kling/callback");
        using var output = new TempFolder();

        // Only the create differs by kind; everything after it is the same code for every kind.
        TaskResponse created = await CreateAsync(client, kind, callbackUrl, token);
        Assert.Equal(kind, created.Data.Kind);

        var done = await client.WaitForCompletionAsync(created, Fast(), token);
        var files = await client.DownloadResultsAsync(done, KlingOutput.Folder(output.Path), cancellationToken: token);

        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Equal(kind, done.Data.Kind);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertGenuineMedia(await File.ReadAllBytesAsync(file, token), file);
        }

        // The emulator called back on each status change; the endpoint re-fetched the task under its own kind.
        await _api!.Emulator.WaitForCallbacksAsync(token);
        await WaitForDeliveryAsync(created.Data.TaskId, KlingTaskStatus.Succeeded, token);
        var final = _delivered.Last(task => task.Data.TaskId == created.Data.TaskId);
        Assert.Equal(kind, final.Data.Kind);
        Assert.Equal(ResultUrls(done), ResultUrls(final));
        if (host == KlingHost.Official)
        {
            // Every delivery carried both signatures of the rotation and was accepted by the endpoint's new secret.
            var deliveries = _api.Emulator.CallbackDeliveries.Where(delivery => delivery.TaskId == created.Data.TaskId).ToList();
            Assert.NotEmpty(deliveries);
            Assert.All(deliveries, delivery => Assert.True(delivery.Succeeded, $"callback answered {delivery.ResponseStatusCode}"));
            Assert.All(deliveries, delivery => Assert.Equal(2, delivery.Headers["webhook-signature"].Split(' ').Length));
            Assert.Equal("succeeded", done.Data.TaskStatus.ToString());
        }
    }

    /// <summary>
    /// The one place that knows each kind's request: a small valid one, with the callback URL. Lip-sync takes its setup
    /// step (the synchronous identify-face) first.
    /// </summary>
    private static async Task<TaskResponse> CreateAsync(KlingClient client, KlingTaskKind kind, Uri callbackUrl, CancellationToken token)
    {
        var image = KlingImage.FromUrl(new Uri("https://example.com/cat.png"));
        var speech = KlingAudio.FromUrl(new Uri("https://example.com/hello.mp3"));
        if (kind == KlingTaskKind.LipSync)
        {
            var faces = await client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoUrl = new Uri("https://example.com/talk.mp4") }, token);
            var face = Assert.Single(faces.Faces);
            var choice = new KlingFaceChoice { FaceId = face.FaceId, Audio = speech, AudioStartTime = TimeSpan.FromMilliseconds(0), AudioEndTime = TimeSpan.FromMilliseconds(3000), AudioInsertTime = TimeSpan.FromMilliseconds(face.StartTime) };
            return await client.CreateLipSyncAsync(new LipSyncRequest { SessionId = faces.SessionId, Faces = [choice], CallbackUrl = callbackUrl }, token);
        }

        return await (kind.Name switch
        {
            "avatar" => client.CreateAvatarAsync(new AvatarRequest { Image = image, Audio = speech, Prompt = "The cat says hello", CallbackUrl = callbackUrl }, token),
            "image2video" => client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image, Prompt = "The cat turns its head", CallbackUrl = callbackUrl }, token),
            "text2video" => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox runs through fresh snow", AspectRatio = "9:16", CallbackUrl = callbackUrl }, token),
            "multi-image2video" => client.CreateMultiImageToVideoAsync(
                new MultiImageToVideoRequest
                {
                    Images = [new KlingImageListItem { Image = image }, new KlingImageListItem { Image = Image("dog") }],
                    Prompt = "The cat and the dog meet",
                    CallbackUrl = callbackUrl,
                },
                token),
            "video-extend" => client.CreateVideoExtendAsync(
                new VideoExtendRequest { VideoId = "0d7d2a5c-5d2c-4e7f-9a43-6f0c1f4c2b11", Prompt = "The fox keeps running", CallbackUrl = callbackUrl }, token),
            "omni-video" => client.CreateOmniVideoAsync(
                new OmniVideoRequest
                {
                    Prompt = "<<<image_1>>> sails down a rainy street",
                    Images = [new KlingOmniImage { Image = Image("boat") }],
                    AspectRatio = KlingAspectRatio.Landscape16x9,
                    CallbackUrl = callbackUrl,
                },
                token),
            "effects" => client.CreateEffectsAsync(
                new EffectsRequest
                {
                    EffectScene = KlingEffectScene.Hug,
                    Input = new KlingEffectInput { Images = [image, Image("dog")], Duration = "5" },
                    CallbackUrl = callbackUrl,
                },
                token),
            "image-generation" => client.CreateImageGenerationAsync(new ImageGenerationRequest { Prompt = "A red fox in fresh snow", ImageCount = 2, AspectRatio = "1:1", CallbackUrl = callbackUrl }, token),
            "virtual-try-on" => client.CreateVirtualTryOnAsync(
                new VirtualTryOnRequest { HumanImage = image, ClothingImage = KlingImage.FromUrl(new Uri("https://example.com/shirt.png")), CallbackUrl = callbackUrl }, token),
            "text-to-audio" => client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "Rain on a tin roof", Duration = TimeSpan.FromSeconds(5), CallbackUrl = callbackUrl }, token),
            "video-to-audio" => client.CreateVideoToAudioAsync(
                new VideoToAudioRequest { VideoUrl = new Uri("https://example.com/surf.mp4"), SoundEffectPrompt = "waves", CallbackUrl = callbackUrl }, token),
            _ => throw new InvalidOperationException($"EveryKindEndToEndTests has no request for the kind '{kind.Name}': add one to CreateAsync."),
        });
    }

    /// <summary>Every result URL the task lists (videos, images, audio), to compare the callback's re-fetch with the wait's answer.</summary>
    private static string[] ResultUrls(TaskResponse task)
    {
        var result = task.Data.TaskResult!;
        return
        [
            .. result.Videos.Select(video => video.Url?.AbsoluteUri ?? string.Empty),
            .. result.Images.Select(image => image.Url?.AbsoluteUri ?? string.Empty),
            .. result.Audios.SelectMany(audio => new[] { audio.VideoUrl, audio.Mp3Url, audio.WavUrl, audio.Url }).Where(url => url is not null).Select(url => url!.AbsoluteUri),
        ];
    }

    /// <summary>A file a player or viewer opens: an MP4, PNG, JPEG, MP3 or WAV by its own signature, matching its extension.</summary>
    private static void AssertGenuineMedia(byte[] bytes, string file)
    {
        var extension = Path.GetExtension(file);
        var ok = extension switch
        {
            ".mp4" => bytes.Length > 8 && System.Text.Encoding.ASCII.GetString(bytes, 4, 4) == "ftyp",
            ".png" => bytes.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }),
            ".jpg" or ".jpeg" => bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".mp3" => bytes.AsSpan().StartsWith("ID3"u8) || (bytes.Length > 1 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0),
            ".wav" => bytes.AsSpan().StartsWith("RIFF"u8),
            _ => false,
        };
        Assert.True(ok, $"{file} is not a genuine {extension} file.");
    }

    private static KlingImage Image(string name) => KlingImage.FromUrl(new Uri($"https://example.com/{name}.png"));

    private static KlingWaitOptions Fast() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(50),
        MinPollInterval = TimeSpan.FromMilliseconds(50),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private async Task StartAsync(KlingHost host, CancellationToken token)
    {
        var official = host == KlingHost.Official;
        var emulatorOptions = new KlingEmulatorOptions
        {
            Host = host,
            SubmittedDuration = TimeSpan.FromMilliseconds(100),
            ProcessingDuration = TimeSpan.FromMilliseconds(300),
            SucceededSpelling = official,
        };
        if (official)
        {
            emulatorOptions.WebhookSecrets = [OldWebhookSecret, NewWebhookSecret];
        }

        _api = await KlingEmulator.StartServerAsync(emulatorOptions, cancellationToken: token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // The endpoint's own account of each callback (re-fetched, not of this kind, dropped...), shown if a delivery is missing.
        builder.Logging.AddProvider(new QueueLoggerProvider(_log));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddKlingClient(o =>
        {
            o.Host = host;
            o.BaseAddress = _api.BaseAddress;
            if (official)
            {
                o.AccessKey = KlingEmulator.DefaultAccessKey;
                o.SecretKey = KlingEmulator.DefaultSecretKey;
            }
            else
            {
                o.ApiKey = KlingEmulator.DefaultApiKey;
            }
        });
        _app = builder.Build();
        var endpointOptions = new KlingCallbackEndpointOptions();
        if (official)
        {
            endpointOptions.WebhookSecrets = [NewWebhookSecret];
        }

        _app.MapKlingCallback(
            "/kling/callback",
            (task, _, _) =>
            {
                _delivered.Enqueue(task);
                return Task.CompletedTask;
            },
            endpointOptions);
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
