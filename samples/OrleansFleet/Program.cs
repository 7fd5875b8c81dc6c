// OrleansFleet: many Kling videos on an Orleans cluster. One grain per video, keyed by its external_task_id; the grain
// keeps nothing but that key and asks Kling what exists, so a silo's death neither loses a video nor pays for it twice.
//   dotnet run --project samples/OrleansFleet                                  12 videos from the sample image, emulator
//   dotnet run --project samples/OrleansFleet -- --images <folder|a.png,b.jpg> [--prompt "..."] [--output <folder>] [--max-in-flight N]
// The key comes from COMETAPI_KEY (KLING_BASE_ADDRESS: another Kling-compatible server). Without a key the Kling emulator
// runs as a loopback server with short random durations and a concurrency limit of 4, so 1303 refusals show the back-off.
// This process hosts one silo (localhost clustering, in-memory reminders); see docs/scale.md for a real cluster.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CometApi.Kling;
using CometApi.Kling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansFleet;

var imagesArgument = Option(args, "--images");
var prompt = Option(args, "--prompt") ?? "The camera slowly orbits the product";
var outputFolder = Path.GetFullPath(Option(args, "--output") ?? "output");
var useEmulator = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable));
var maxInFlight = int.Parse(Option(args, "--max-in-flight") ?? (useEmulator ? "6" : "5"), CultureInfo.InvariantCulture);
var count = int.Parse(Option(args, "--count") ?? (useEmulator ? "12" : "1"), CultureInfo.InvariantCulture);

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;    // stop submitting: the tasks go on at Kling, and running again with the same images resumes them
    cancellation.Cancel();
};

KlingEmulatorServer? server = null;
var clientOptions = new KlingClientOptions();   // ApiKey: COMETAPI_KEY
var fleetOptions = new FleetOptions { OutputFolder = outputFolder };
if (useEmulator)
{
    // Short random durations and a concurrency limit below the in-flight bound: quick, and the 1303 back-off shows.
    server = await KlingEmulator.StartServerAsync(
        new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(300),
            ProcessingDurationSelector = _ => TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 3000)),
            MaxRunningTasksPerKey = 4,
        },
        cancellationToken: cancellation.Token);
    Console.WriteLine($"COMETAPI_KEY is not set: using the Kling emulator at {server.BaseAddress} (no network, no cost; the videos are a test pattern).");
    clientOptions.ApiKey = KlingEmulator.DefaultApiKey;
    clientOptions.BaseAddress = server.BaseAddress;
    fleetOptions.Wait = new KlingWaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(500), MinPollInterval = TimeSpan.FromMilliseconds(500), MaxPollInterval = TimeSpan.FromSeconds(1) };
    fleetOptions.MinBackoff = TimeSpan.FromMilliseconds(500);
    fleetOptions.MaxBackoff = TimeSpan.FromSeconds(2);
}
else if (Environment.GetEnvironmentVariable("KLING_BASE_ADDRESS") is { Length: > 0 } baseAddress)
{
    clientOptions.BaseAddress = new Uri(baseAddress);
}

await using (server)
{
    var catalog = new VideoCatalog();
    var keys = new List<string>();
    foreach (var job in Jobs(imagesArgument, prompt, count))
    {
        catalog.Add(job);
        keys.Add(job.ExternalTaskId);
    }

    if (keys.Count == 0)
    {
        Console.Error.WriteLine($"No images found in '{imagesArgument}' (.png, .jpg, .jpeg).");
        return 2;
    }

    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);     // not its ServerGC advice on every start
    builder.UseOrleans(silo =>
    {
        // One silo on this machine. On a real cluster: a shared clustering table and a durable reminder table (docs/scale.md).
        silo.UseLocalhostClustering();
        silo.UseInMemoryReminderService();
    });
    builder.Services.AddSingleton(_ => new KlingClient(clientOptions));
    builder.Services.AddSingleton<IVideoCatalog>(catalog);
    builder.Services.AddSingleton(fleetOptions);
    using var host = builder.Build();
    await host.StartAsync(cancellation.Token);

    Console.WriteLine($"Submitting {keys.Count} video(s), at most {maxInFlight} in flight; videos go to {outputFolder}");
    var last = "";
    var summary = await FleetRunner.RunAsync(
        host.Services.GetRequiredService<IGrainFactory>(),
        keys,
        maxInFlight,
        TimeSpan.FromMilliseconds(useEmulator ? 250 : 2000),
        p =>
        {
            var line = $"queued {p.Queued}, creating {p.Creating}, waiting {p.Waiting}, downloading {p.Downloading}, succeeded {p.Succeeded}, failed {p.Failed}";
            if (line != last)
            {
                last = line;
                Console.WriteLine($"[{p.Elapsed:mm\\:ss}] {line}");
            }
        },
        cancellation.Token);
    await host.StopAsync(CancellationToken.None);

    var failed = summary.Failed.ToList();
    Console.WriteLine();
    Console.WriteLine($"Done in {summary.Elapsed.TotalSeconds:F1} s: {summary.Succeeded.Count()} succeeded, {failed.Count} failed, {summary.Unfinished.Count} unfinished.");
    foreach (var video in failed.OrderBy(v => v.ExternalTaskId, StringComparer.Ordinal))
    {
        Console.WriteLine($"  failed   {video.ExternalTaskId}: {video.Message}");
    }

    foreach (var video in summary.Succeeded.OrderBy(v => v.ExternalTaskId, StringComparer.Ordinal))
    {
        Console.WriteLine($"  written  {video.FilePath} ({video.Bytes:N0} bytes)");
    }

    foreach (var key in summary.Unfinished)
    {
        Console.WriteLine($"  unfinished {key}: run again with the same images to resume it (its task is found by external id)");
    }

    if (server is not null)
    {
        var refused = server.Emulator.Requests.Count(r => r.Endpoint == KlingEmulatorEndpoint.Create && r.ResponseStatusCode == 429);
        Console.WriteLine($"Emulator: {server.Emulator.Tasks.Count} task(s) created, {refused} create(s) refused by the concurrency limit (1303) and retried later.");
    }

    return failed.Count == 0 && summary.Unfinished.Count == 0 ? 0 : 1;
}

// One job per image. A folder's images get keys derived from the file and prompt, so running the sample again on the
// same folder finds the same tasks at Kling instead of paying for new ones. The demo (no --images) uses fresh keys.
static IEnumerable<VideoJob> Jobs(string? images, string prompt, int count)
{
    if (images is null)
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "sample-image.png");
        var run = Guid.NewGuid().ToString("N")[..8];
        return Enumerable.Range(1, count).Select(i => new VideoJob($"fleet-demo-{run}-{i:D3}", sample, prompt));
    }

    IEnumerable<string> files = Directory.Exists(images)
        ? Directory.EnumerateFiles(images).Where(f => Path.GetExtension(f).ToUpperInvariant() is ".PNG" or ".JPG" or ".JPEG").Order(StringComparer.Ordinal)
        : images.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    return files.Select(file => new VideoJob(Key(file, prompt), Path.GetFullPath(file), prompt)).ToList();
}

static string Key(string file, string prompt)
{
    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Path.GetFullPath(file)}\n{prompt}")))[..12];
    var name = new string([.. Path.GetFileNameWithoutExtension(file).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
    return $"fleet-{name[..Math.Min(name.Length, 40)]}-{hash}";
}

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
