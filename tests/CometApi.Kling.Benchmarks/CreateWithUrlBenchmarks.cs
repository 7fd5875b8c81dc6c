using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.Retry;

namespace CometApi.Kling.Benchmarks;

/// <summary>
/// Create with a URL image: the SDK against a hand-written HttpClient + Utf8JsonWriter call to the same handler (it reads
/// the request body and answers CometAPI's documented create answer). Three more rows run the same hand-written call with
/// nothing else of the SDK: under one attempt timer (a CancellationTokenSource cancelled after the create attempt timeout,
/// what the SDK's first attempt pays), and inside Polly pipelines with the SDK's default strategies (total timeout, retry,
/// attempt timeout) and with the fewest a retrying, timed-out call needs (retry, timeout): the cost a pipeline around
/// every attempt would add (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class CreateWithUrlBenchmarks
{
    private static readonly byte[] Created = Encoding.UTF8.GetBytes(
        """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}""");

    private static readonly Uri Image = new("https://example.com/cat.png");
    private static readonly KlingResilienceOptions Defaults = new();
    private static readonly Uri Endpoint = new("https://api.cometapi.com/kling/v1/videos/image2video");

    private HttpClient _httpClient = null!;
    private KlingClient _client = null!;
    private ImageToVideoRequest _request = null!;
    private ResiliencePipeline _sdkStrategies = null!;
    private ResiliencePipeline _fewestStrategies = null!;

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

        // The SDK's defaults (KlingResilienceOptions), built as the SDK builds them, around nothing but the hand-written call.
        var defaults = Defaults;
        _sdkStrategies = new ResiliencePipelineBuilder()
            .AddTimeout(defaults.TotalTimeout)
            .AddRetry(Retry(defaults))
            .AddTimeout(defaults.CreateAttemptTimeout)
            .Build();
        _fewestStrategies = new ResiliencePipelineBuilder()
            .AddRetry(Retry(defaults))
            .AddTimeout(defaults.CreateAttemptTimeout)
            .Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _httpClient.Dispose();

    [Benchmark(Description = "SDK CreateImageToVideoAsync")]
    public async Task<string> Sdk() => (await _client.CreateImageToVideoAsync(_request).ConfigureAwait(false)).Data.TaskId;

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + Utf8JsonWriter")]
    public Task<string> HandWritten() => SendHandWrittenAsync(CancellationToken.None);

    [Benchmark(Description = "Hand-written, under one attempt timer")]
    public async Task<string> HandWrittenUnderOneTimer()
    {
        using var timer = new CancellationTokenSource(Defaults.CreateAttemptTimeout);
        return await SendHandWrittenAsync(timer.Token).ConfigureAwait(false);
    }

    [Benchmark(Description = "Hand-written, in Polly: total timeout, retry, attempt timeout")]
    public ValueTask<string> HandWrittenInSdkStrategies() =>
        _sdkStrategies.ExecuteAsync(static async (self, token) => await self.SendHandWrittenAsync(token).ConfigureAwait(false), this, CancellationToken.None);

    [Benchmark(Description = "Hand-written, in Polly: retry, timeout")]
    public ValueTask<string> HandWrittenInFewestStrategies() =>
        _fewestStrategies.ExecuteAsync(static async (self, token) => await self.SendHandWrittenAsync(token).ConfigureAwait(false), this, CancellationToken.None);

    private static RetryStrategyOptions Retry(KlingResilienceOptions defaults) => new()
    {
        MaxRetryAttempts = defaults.MaxRetryAttempts,
        Delay = defaults.BaseDelay,
        MaxDelay = defaults.MaxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is HttpRequestException),
    };

    private async Task<string> SendHandWrittenAsync(CancellationToken cancellationToken)
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
        using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
