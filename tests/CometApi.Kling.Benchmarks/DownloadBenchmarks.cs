using System.Net;
using BenchmarkDotNet.Attributes;

namespace CometApi.Kling.Benchmarks;

/// <summary>Downloading a 100 MB video to a file: the SDK (pooled buffer, temp file + rename) against <c>GetByteArrayAsync</c> + <c>File.WriteAllBytesAsync</c>.</summary>
[MemoryDiagnoser]
public class DownloadBenchmarks
{
    private const long VideoBytes = 100_000_000;
    private static readonly Uri VideoUrl = new("https://cdn.example.com/video.mp4");

    private string _directory = null!;
    private HttpClient _httpClient = null!;
    private KlingClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("kling-bench-").FullName;
        _httpClient = new HttpClient(new VideoHandler());
        _client = new KlingClient(_httpClient, new KlingClientOptions { ApiKey = "sk-bench" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _httpClient.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "SDK DownloadAsync to a file")]
    public Task<string> Sdk() => _client.DownloadAsync(VideoUrl, Path.Combine(_directory, "sdk.mp4"));

    [Benchmark(Baseline = true, Description = "Naive: GetByteArrayAsync + File.WriteAllBytesAsync")]
    public async Task<string> Naive()
    {
        var path = Path.Combine(_directory, "naive.mp4");
        await File.WriteAllBytesAsync(path, await _httpClient.GetByteArrayAsync(VideoUrl).ConfigureAwait(false)).ConfigureAwait(false);
        return path;
    }

    /// <summary>Serves 100 MB made up on the fly, so the server side allocates next to nothing.</summary>
    private sealed class VideoHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new PatternStream(VideoBytes));
            content.Headers.ContentLength = VideoBytes;
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
