using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CometApi.Kling.Benchmarks;

/// <summary>Create with a URL image: the SDK against a hand-written HttpClient + Utf8JsonWriter call to the same handler.</summary>
[MemoryDiagnoser]
public class CreateWithUrlBenchmarks
{
    private static readonly byte[] Created = Encoding.UTF8.GetBytes(
        """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}""");

    private static readonly Uri Image = new("https://example.com/cat.png");
    private static readonly Uri Endpoint = new("https://api.cometapi.com/kling/v1/videos/image2video");

    private HttpClient _httpClient = null!;
    private KlingClient _client = null!;
    private ImageToVideoRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _httpClient = new HttpClient(new InMemoryHandler(Created));
        _client = new KlingClient(_httpClient, new KlingClientOptions { ApiKey = "sk-bench" });
        _request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(Image),
            Prompt = "The cat turns its head",
            ModelName = KlingModel.KlingV2Master,
            Mode = KlingMode.Pro,
            Duration = KlingDuration.Five,
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _httpClient.Dispose();

    [Benchmark(Description = "SDK CreateImageToVideoAsync")]
    public async Task<string> Sdk() => (await _client.CreateImageToVideoAsync(_request).ConfigureAwait(false)).Data.TaskId;

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + Utf8JsonWriter")]
    public async Task<string> HandWritten()
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("image", Image.AbsoluteUri);
            writer.WriteString("prompt", "The cat turns its head");
            writer.WriteString("model_name", "kling-v2-master");
            writer.WriteString("mode", "pro");
            writer.WriteString("duration", "5");
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-bench");
        using var response = await _httpClient.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
