using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CometApi.Kling.Testing;
using Orleans.TestingHost;
using OrleansFleet;

namespace CometApi.Kling.Orleans.Tests;

/// <summary>
/// The scale test: 300 videos on a 3-silo TestCluster against the emulator's loopback server (random durations,
/// a concurrency limit), one silo killed while about a third are waiting. Real time, tiny durations.
/// </summary>
public sealed class FleetOnTestClusterTests
{
    private const int TaskCount = 300;
    private const int SiloCount = 3;
    private const int ConcurrencyLimit = 100;     // Kling's per-key limit, as the emulator enforces it (429 / 1303)
    private const int MaxInFlight = 150;          // deliberately above the limit: 1303 refusals must slow the fleet, not fail it

    [Fact(Timeout = 150_000)]
    public async Task Every_video_ends_once_and_whole_when_a_silo_dies_mid_wait()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = Path.Combine(Path.GetTempPath(), $"kling-orleans-{Guid.NewGuid():N}");
        var durations = new Random(9);      // called under the emulator's lock: no concurrent use
        var emulatorOptions = new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(100),
            ProcessingDurationSelector = _ => TimeSpan.FromMilliseconds(durations.Next(200, 1500)),
            MaxRunningTasksPerKey = ConcurrencyLimit,
        };
        await using var server = await KlingEmulator.StartServerAsync(emulatorOptions, cancellationToken: cancellationToken);
        var emulator = server.Emulator;

        var image = Path.Combine(AppContext.BaseDirectory, "sample-image.png");
        var catalog = new VideoCatalog();
        var keys = new List<string>();
        for (var i = 0; i < TaskCount; i++)
        {
            var key = $"fleet-video-{i:D3}";
            keys.Add(key);
            // Every tenth prompt trips the emulator's risk control: those must end failed, with Kling's reason.
            catalog.Add(new VideoJob(key, image, i % 10 == 3 ? $"risky shot {i}" : $"product turntable {i}"));
        }

        FleetEnvironment.EmulatorAddress = server.BaseAddress;
        FleetEnvironment.Catalog = catalog;
        FleetEnvironment.Options = new FleetOptions
        {
            OutputFolder = output,
            Wait = new KlingWaitOptions
            {
                FirstPollDelay = TimeSpan.FromMilliseconds(100),
                MinPollInterval = TimeSpan.FromMilliseconds(100),
                MaxPollInterval = TimeSpan.FromMilliseconds(300),
                Timeout = TimeSpan.FromSeconds(60),
            },
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            ReminderPeriod = TimeSpan.FromSeconds(5),
        };

        var builder = new TestClusterBuilder(SiloCount);
        builder.AddSiloBuilderConfigurator<FleetSiloConfigurator>();
        builder.AddClientBuilderConfigurator<FleetClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var memory = SampleMemoryAsync(sampling.Token);
        try
        {
            Task? kill = null;
            var waitingAtKill = 0;
            var doneAtKill = 0;
            var killedSilo = cluster.SecondarySilos[0];
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(100));
            var summary = await FleetRunner.RunAsync(
                cluster.Client,
                keys,
                MaxInFlight,
                pollInterval: TimeSpan.FromMilliseconds(100),
                progress: p =>
                {
                    // Kill (not stop: no graceful hand-over) a silo once a third of the videos are waiting.
                    if (kill is null && (p.Waiting >= TaskCount / 3 || p.Done >= TaskCount / 3))
                    {
                        waitingAtKill = p.Waiting;
                        doneAtKill = p.Done;
                        kill = cluster.KillSiloAsync(killedSilo);
                    }
                },
                deadline.Token);
            Assert.NotNull(kill);
            await kill;
            await sampling.CancelAsync();
            var (peakManagedHeap, peakWorkingSet) = await memory;

            // No wait left hanging: every grain reported an end before the deadline.
            Assert.Empty(summary.Unfinished);
            Assert.Equal(TaskCount, summary.Results.Count);

            // Every video ended as the emulator decided it.
            var tasks = emulator.Tasks.ToDictionary(t => t.ExternalTaskId!, StringComparer.Ordinal);
            foreach (var result in summary.Results)
            {
                var task = tasks[result.ExternalTaskId];
                Assert.Equal(task.Status == KlingTaskStatus.Succeeded ? VideoStage.Succeeded : VideoStage.Failed, result.Stage);
                Assert.Equal(task.Status == KlingTaskStatus.Failed, catalog.Find(result.ExternalTaskId)!.Prompt!.StartsWith("risky", StringComparison.Ordinal));
                if (result.Stage == VideoStage.Failed)
                {
                    Assert.Equal(emulatorOptions.RiskyTaskStatusMessage, result.Message);
                }
            }

            // Exactly one accepted (paid) create per external id, and no create was even tried for an id that had a task.
            var creates = emulator.Requests.Where(r => r.Endpoint == KlingEmulatorEndpoint.Create).ToList();
            var accepted = creates.Where(r => r.ResponseStatusCode == 200).GroupBy(ExternalId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.Equal(TaskCount, tasks.Count);
            Assert.All(keys, key => Assert.Equal(1, accepted.GetValueOrDefault(key)));
            var duplicateAttempts = emulator.Tasks.Sum(t => t.CreateAttempts - 1);
            Assert.Equal(0, duplicateAttempts);
            var refused1303 = creates.Count(r => r.ResponseStatusCode == 429);

            // Every succeeded video is on disk whole (the emulator's MP4, byte for byte) and nothing else was left there.
            var expected = EmulatorVideo();
            var succeeded = summary.Succeeded.ToList();
            foreach (var result in succeeded)
            {
                Assert.Equal(expected, await File.ReadAllBytesAsync(result.FilePath!, cancellationToken));
            }

            Assert.Equal(succeeded.Count, Directory.GetFiles(output).Length);
            Assert.Equal(TaskCount - (TaskCount / 10), succeeded.Count);

            var resumed = summary.Results.Count(r => r.CreatesSent == 0);
            var perSilo = string.Join(", ", summary.Results.GroupBy(r => r.Silo).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Count().ToString(CultureInfo.InvariantCulture)));
            Report($"""
                Orleans fleet: {TaskCount} tasks on {SiloCount} silos (TestCluster, in-process), emulator loopback server, 0.1 s submitted + 0.2-1.5 s processing, limit {ConcurrencyLimit} running per key, {MaxInFlight} in flight
                killed silo {killedSilo.SiloAddress} with {waitingAtKill} waiting and {doneAtKill} done
                duration: {summary.Elapsed.TotalSeconds:F1} s (submit to last result)
                outcome: {succeeded.Count} succeeded, {summary.Failed.Count()} failed (risk control), 0 unfinished
                creates: {accepted.Values.Sum()} accepted (one per external id), {duplicateAttempts} duplicate attempts, {refused1303} refused with 1303 then retried
                resumed without a create (the task was found by external id): {resumed}; results per silo (final activation): {perSilo}
                grain calls failed and retried by the runner: {summary.CallErrors}; emulator requests: {emulator.Requests.Count}
                peak memory (whole test process, all 3 silos + client + emulator): managed heap {peakManagedHeap / 1048576.0:F0} MB, working set {peakWorkingSet / 1048576.0:F0} MB
                """);
        }
        finally
        {
            await sampling.CancelAsync();
            await cluster.DisposeAsync();
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string ExternalId(KlingEmulatorRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("external_task_id").GetString()!;
    }

    private static byte[] EmulatorVideo()
    {
        using var stream = typeof(KlingEmulator).Assembly.GetManifestResourceStream("CometApi.Kling.Testing.emulator-video.mp4")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // The silos share this process, so memory is measured for the process as a whole, sampled every 50 ms.
    private static async Task<(long ManagedHeap, long WorkingSet)> SampleMemoryAsync(CancellationToken cancellationToken)
    {
        long heap = 0, workingSet = 0;
        using var process = Process.GetCurrentProcess();
        while (!cancellationToken.IsCancellationRequested)
        {
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            process.Refresh();
            workingSet = Math.Max(workingSet, process.WorkingSet64);
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (heap, workingSet);
    }

    private static void Report(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Console.WriteLine(text);
    }
}
