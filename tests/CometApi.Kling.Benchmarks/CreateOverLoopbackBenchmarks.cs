using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CometApi.Kling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Benchmarks;

/// <summary>
/// A text-to-video create over a real loopback socket, against the emulator's HTTP server (Kestrel on 127.0.0.1): the
/// SDK beside the hand-written HttpClient + Utf8JsonWriter call, so the SDK's per-call fixed costs (validation, Polly,
/// the exactly-once external id, telemetry) are measured where they meet real I/O, not an in-memory handler. The
/// emulator's clock never moves, so tasks stay submitted and nothing but the create runs on the server.
/// </summary>
[MemoryDiagnoser]
public class CreateOverLoopbackBenchmarks
{
    private const string Prompt = "A red fox runs through fresh snow at dawn";

    private KlingEmulatorServer _server = null!;
    private HttpClient _httpClient = null!;
    private KlingClient _client = null!;
    private Uri _endpoint = null!;
    private TextToVideoRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = new FakeTimeProvider() }).ConfigureAwait(false);

        // One connection pool for both rows: the same sockets, the same keep-alive.
        _httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new KlingClient(_httpClient, new KlingClientOptions { ApiKey = KlingEmulator.DefaultApiKey, BaseAddress = _server.BaseAddress });
        _endpoint = new Uri(_server.BaseAddress, "kling/v1/videos/text2video");
        _request = new TextToVideoRequest { Prompt = Prompt, AspectRatio = KlingAspectRatio.Portrait9x16, Duration = KlingDuration.Five, Mode = KlingMode.Standard };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _httpClient.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    [Benchmark(Description = "SDK CreateTextToVideoAsync, loopback")]
    public async Task<string> Sdk() => (await _client.CreateTextToVideoAsync(_request).ConfigureAwait(false)).Data.TaskId;

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + Utf8JsonWriter, loopback")]
    public async Task<string> HandWritten()
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("prompt", Prompt);
            writer.WriteString("aspect_ratio", "9:16");
            writer.WriteString("mode", "std");
            writer.WriteString("duration", "5");
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KlingEmulator.DefaultApiKey);
        using var response = await _httpClient.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
