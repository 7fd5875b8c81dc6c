using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CometApi.Kling.Benchmarks;

/// <summary>
/// Create with a 10 MiB image from a file and from a stream, against the naive path users write by hand:
/// read the file, <c>Convert.ToBase64String</c>, serialize a DTO with <c>JsonSerializer</c>, send the bytes.
/// </summary>
[MemoryDiagnoser]
public class CreateWithLargeImageBenchmarks
{
    private const int ImageBytes = (10 * 1024 * 1024) - 1024;

    private static readonly byte[] Created = System.Text.Encoding.UTF8.GetBytes(
        """{"code":0,"message":"success","data":{"task_id":"1","task_status":"submitted","task_info":{},"created_at":1,"updated_at":1}}""");

    private string _path = null!;
    private HttpClient _httpClient = null!;
    private KlingClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"kling-bench-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(_path, LargePng.Create(ImageBytes));
        _httpClient = new HttpClient(new InMemoryHandler(Created));
        _client = new KlingClient(_httpClient, new KlingClientOptions { ApiKey = "sk-bench" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _httpClient.Dispose();
        File.Delete(_path);
    }

    [Benchmark(Description = "SDK, KlingImage.FromFile")]
    public async Task<string> SdkFromFile() =>
        (await _client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromFile(_path), Prompt = "p" }).ConfigureAwait(false)).Data.TaskId;

    [Benchmark(Description = "SDK, KlingImage.FromStream")]
    public async Task<string> SdkFromStream()
    {
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        return (await _client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromStream(stream), Prompt = "p" }).ConfigureAwait(false)).Data.TaskId;
    }

    [Benchmark(Baseline = true, Description = "Naive: base64 string + JsonSerializer")]
    public async Task<string> Naive()
    {
        var body = new NaiveBody { Image = Convert.ToBase64String(await File.ReadAllBytesAsync(_path).ConfigureAwait(false)), Prompt = "p" };
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, NaiveJsonContext.Default.NaiveBody));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _httpClient.PostAsync(new Uri("https://api.cometapi.com/kling/v1/videos/image2video"), content).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
        return document.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
