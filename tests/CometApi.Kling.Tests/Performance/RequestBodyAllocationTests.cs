using System.Globalization;
using System.Net;
using System.Runtime;
using System.Text.Json;
using CometApi.Kling.Serialization;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Performance;

/// <summary>Allocation measurements use process-wide counters, so they run alone, after every parallel test.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Sending a 10 MiB image from a file or stream allocates at most 1 MB of managed memory in total and no buffer on the
/// large object heap (85,000 bytes or more), whereas building the JSON as a string allocates about 80–95 MB.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class RequestBodyAllocationTests : IDisposable
{
    private const int TenMiB = 10 * 1024 * 1024;
    private const long Budget = 1_000_000;

    private static readonly byte[] Image = TestImages.Png(3840, 2160, totalLength: TenMiB);

    private readonly TempFiles _files = new();
    private readonly string _path;
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public RequestBodyAllocationTests() => _path = _files.Write(Image, "ten-mib");

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_large_object_heap_probe_sees_a_single_85000_byte_buffer()
    {
        // The probe the other tests rely on must be able to fail.
        var (_, largeObjectBytes) = Measure(() => GC.KeepAlive(new byte[85_000]));

        Assert.InRange(largeObjectBytes, 85_000, 100_000);
    }

    [Theory]
    [InlineData("file", false)]
    [InlineData("seekable stream", false)]
    [InlineData("non-seekable stream (copied to a temporary file)", false)]
    [InlineData("file", true)]
    public async Task Writing_a_10_MiB_image_allocates_under_1_MB_and_nothing_on_the_large_object_heap(string source, bool synchronously)
    {
        await WriteBody(MakeRequest(source), synchronously); // Warm-up: JIT, pools, file system caches.

        var (allocated, largeObjectBytes) = await MeasureAsync(() => WriteBody(MakeRequest(source), synchronously));

        Report($"10 MiB image from a {source}, validated and written ({(synchronously ? "sync" : "async")}): {Kb(allocated)} allocated, {Kb(largeObjectBytes)} on the large object heap");
        Assert.InRange(allocated, 0, Budget);
        Assert.Equal(0, largeObjectBytes);
    }

    [Fact]
    public async Task CreateImageToVideoAsync_with_a_10_MiB_file_allocates_under_1_MB_end_to_end()
    {
        var client = new KlingClient(new HttpClient(new DrainingHandler()), new KlingClientOptions { ApiKey = "sk-allocation" });
        await Create(client); // Warm-up.

        var (allocated, largeObjectBytes) = await MeasureAsync(() => Create(client));

        Report($"CreateImageToVideoAsync with a 10 MiB file, through HttpClient to a handler that reads the whole body: {Kb(allocated)} allocated, {Kb(largeObjectBytes)} on the large object heap");
        Assert.InRange(allocated, 0, Budget);
        Assert.Equal(0, largeObjectBytes);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("UTF-8 bytes")]
    public async Task The_naive_path_allocates_tens_of_megabytes_for_comparison(string output)
    {
        var (allocated, _) = await MeasureAsync(() =>
        {
            var base64 = Convert.ToBase64String(File.ReadAllBytes(_path));
            var request = new ImageToVideoRequest { Image = KlingImage.FromBase64(base64), Prompt = "a cat turns its head" };
            object json = output == "string"
                ? JsonSerializer.Serialize(request, KlingJsonContext.Default.ImageToVideoRequest)
                : JsonSerializer.SerializeToUtf8Bytes(request, KlingJsonContext.Default.ImageToVideoRequest);
            GC.KeepAlive(json);
            return Task.CompletedTask;
        });

        Report($"Naive path for the same 10 MiB image (File.ReadAllBytes + Convert.ToBase64String + JsonSerializer to a {output}): {Kb(allocated)} allocated");
        Assert.InRange(allocated, 50 * Budget, 200 * Budget);
    }

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N1} KiB ({bytes:N0} bytes)");

    // Shown by `dotnet test --output detailed` (and with any failure).
    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>
    /// Bytes allocated by the whole process while <paramref name="action"/> runs, and bytes allocated on the large object
    /// heap: the LOH size just before a full collection that follows, minus its size just after the one that preceded.
    /// </summary>
    private static async Task<(long Allocated, long LargeObjectBytes)> MeasureAsync(Func<Task> action)
    {
        FullCollection();
        var lohBefore = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[3].SizeAfterBytes;
        var before = GC.GetTotalAllocatedBytes(precise: true);

        await action();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true); // One collection only: its "before" size still holds what the action put there.
        var lohAfter = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[3].SizeBeforeBytes;
        return (allocated, lohAfter - lohBefore);
    }

    private static (long Allocated, long LargeObjectBytes) Measure(Action action) =>
        MeasureAsync(() =>
        {
            action();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    private static void FullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private ImageToVideoRequest MakeRequest(string source) => new()
    {
        Image = source switch
        {
            "file" => KlingImage.FromFile(_path),
            "seekable stream" => KlingImage.FromStream(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1)),
            _ => KlingImage.FromStream(new NonSeekableStream(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))),
        },
        Prompt = "a cat turns its head",
    };

    private async Task WriteBody(ImageToVideoRequest request, bool synchronously)
    {
        try
        {
            var validator = new KlingRequestValidator();
            Assert.Empty(synchronously ? validator.Validate(request) : await validator.ValidateAsync(request, useAsync: true, _cancellationToken));
            using var content = new KlingRequestContent(request);
            Assert.Equal(14_000_000, content.Headers.ContentLength ?? 0, tolerance: 30_000);
            if (synchronously)
            {
#pragma warning disable CA1849 // The synchronous path is what is measured.
                content.CopyTo(Stream.Null, context: null, _cancellationToken);
#pragma warning restore CA1849
            }
            else
            {
                await content.CopyToAsync(Stream.Null, _cancellationToken);
            }
        }
        finally
        {
            request.Definition.ReleaseAfterCall(request);
        }
    }

    private async Task Create(KlingClient client) =>
        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromFile(_path), Prompt = "a cat turns its head" }, _cancellationToken);

    /// <summary>Reads the request body to the end, as a server would, and answers with a created task.</summary>
    private sealed class DrainingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.CopyToAsync(Stream.Null, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Responses.Created) };
        }
    }
}
