using System.Diagnostics;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Benchmarks;

/// <summary>
/// 1,000 tasks waited on at once, in virtual time: each completes after 300 virtual seconds. Prints the managed heap
/// and the process's thread count at the peak (all waits in flight), the figures the docs quote.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentWaitsBenchmarks
{
    private const int Waits = 1_000;
    private static readonly TimeSpan TaskDuration = TimeSpan.FromSeconds(300);

    [Benchmark(Description = "1,000 concurrent WaitForCompletionAsync (virtual time)")]
    public async Task<int> ThousandWaits()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var start = clock.GetUtcNow();
        using var httpClient = new HttpClient(new TaskHandler(() => clock.GetUtcNow() - start >= TaskDuration));
        var client = new KlingClient(httpClient, new KlingClientOptions { ApiKey = "sk-bench", TimeProvider = clock });

        var waits = Enumerable.Range(0, Waits).Select(i => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var all = Task.WhenAll(waits);
        long peakHeap = 0;
        var peakThreads = 0;
        while (!all.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1).ConfigureAwait(false);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
        }

        var done = await all.ConfigureAwait(false);
        Console.WriteLine($"// {Waits} waits: peak managed heap {peakHeap / (1024.0 * 1024.0):F1} MiB, peak threads {peakThreads}");
        return done.Count(r => r.Data.TaskStatus == KlingTaskStatus.Succeeded);
    }

    /// <summary>Answers every query: processing until the virtual clock passes the task's duration, then succeed.</summary>
    private sealed class TaskHandler(Func<bool> finished) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var id = request.RequestUri!.Segments[^1];
            var status = finished() ? "succeed" : "processing";
            var json = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r\",\"data\":{\"task_id\":\"" + id + "\",\"task_status\":\"" + status
                + "\",\"task_result\":{},\"created_at\":1,\"updated_at\":2}}";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
