using System.Net;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Download;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Runs alone (no other test in parallel) because it counts every managed allocation in the process: the download
/// continues on thread-pool threads, so a per-thread counter would miss most of it.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class DownloadAllocationTests : IDisposable
{
    private const long VideoBytes = 100L * 1024 * 1024;
    private const long AllocationBudget = 1024 * 1024;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_100_MB_download_to_a_file_allocates_at_most_1_MB()
    {
        var handler = new CapturingHandler(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new GeneratedVideoContent(request.RequestUri!.AbsolutePath.EndsWith("big.mp4", StringComparison.Ordinal) ? VideoBytes : 200_000),
        });
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-alloc" });
        var progress = new CountingProgress();
        var target = _directory.File("big.mp4");

        // Warm up: JIT, pools and statics are paid once per process, not per download.
        await client.DownloadAsync(new Uri("https://cdn.example.com/warm.mp4"), _directory.File("warm.mp4"), progress, TestContext.Current.CancellationToken);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await client.DownloadAsync(new Uri("https://cdn.example.com/big.mp4"), target, progress, TestContext.Current.CancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var message = $"Downloading {VideoBytes / (1024 * 1024)} MB to a file allocated {allocated:N0} bytes of managed memory ({progress.Reports} progress reports).";
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        TestContext.Current.SendDiagnosticMessage(message);
        Assert.Equal(VideoBytes, new FileInfo(target).Length);
        Assert.Equal(VideoBytes, progress.Last);
        Assert.True(allocated <= AllocationBudget, message);
    }

    private sealed class CountingProgress : IProgress<KlingDownloadProgress>
    {
        public int Reports { get; private set; }

        public long Last { get; private set; }

        public void Report(KlingDownloadProgress value)
        {
            Reports++;
            Last = value.BytesReceived;
        }
    }
}
