using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Testing.Tests.Infrastructure;

/// <summary>Plain HTTP against the emulator (no SDK), to test the wire itself.</summary>
internal sealed class RawApi : IDisposable
{
    public const string Route = "kling/v1/videos/image2video";

    public const string TextToVideoRoute = "kling/v1/videos/text2video";

    private readonly HttpClient _http;

    public RawApi(HttpMessageHandler handler, Uri baseAddress, string? apiKey = KlingEmulator.DefaultApiKey)
    {
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
        ApiKey = apiKey;
    }

    public RawApi(KlingEmulator emulator, string? apiKey = KlingEmulator.DefaultApiKey)
        : this(emulator.CreateHandler(), emulator.BaseAddress, apiKey)
    {
    }

    public string? ApiKey { get; set; }

    public HttpClient Http => _http;

    /// <summary>The route the create, query, lookup and list helpers use; image2video unless set.</summary>
    public string RoutePath { get; init; } = Route;

    /// <summary>A valid minimal create body: a URL image and a prompt.</summary>
    public static string MinimalBody(string? externalTaskId = null, string prompt = "a cat turns its head", string? callbackUrl = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["image"] = "https://example.com/cat.png",
            ["prompt"] = prompt,
            ["model_name"] = "kling-v2-master",
            ["duration"] = "5",
        };
        if (externalTaskId is not null)
        {
            fields["external_task_id"] = externalTaskId;
        }

        if (callbackUrl is not null)
        {
            fields["callback_url"] = callbackUrl;
        }

        return JsonSerializer.Serialize(fields);
    }

    /// <summary>A valid minimal text2video create body: a prompt and the usual options, no image.</summary>
    public static string TextToVideoBody(string? externalTaskId = null, string prompt = "a cat walks on a beach at sunset", string? callbackUrl = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["prompt"] = prompt,
            ["model_name"] = "kling-v2-6",
            ["aspect_ratio"] = "16:9",
            ["duration"] = "5",
        };
        if (externalTaskId is not null)
        {
            fields["external_task_id"] = externalTaskId;
        }

        if (callbackUrl is not null)
        {
            fields["callback_url"] = callbackUrl;
        }

        return JsonSerializer.Serialize(fields);
    }

    public Task<Answer> CreateAsync(string json) => SendAsync(HttpMethod.Post, RoutePath, json);

    public Task<Answer> QueryAsync(string taskId) => SendAsync(HttpMethod.Get, $"{RoutePath}/{Uri.EscapeDataString(taskId)}");

    public Task<Answer> QueryByExternalIdAsync(string externalTaskId) =>
        SendAsync(HttpMethod.Get, $"{RoutePath}?external_task_id={Uri.EscapeDataString(externalTaskId)}");

    public Task<Answer> ListAsync(string query = "") => SendAsync(HttpMethod.Get, RoutePath + query);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }

        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new Answer(response, body);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A response read in full, with the JSON parsed when it is JSON.</summary>
    internal sealed class Answer
    {
        public Answer(HttpResponseMessage response, byte[] body)
        {
            Status = (int)response.StatusCode;
            Body = body;
            ContentType = response.Content.Headers.ContentType?.MediaType;
            ContentLength = response.Content.Headers.ContentLength;
            RetryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
            Headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            if (ContentType == "application/json" && body.Length > 0)
            {
                Json = JsonDocument.Parse(body).RootElement.Clone();
            }
        }

        public int Status { get; }

        public byte[] Body { get; }

        public string Text => Encoding.UTF8.GetString(Body);

        public string? ContentType { get; }

        public long? ContentLength { get; }

        public string? RetryAfter { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public JsonElement Json { get; }

        public int Code => Json.GetProperty("code").GetInt32();

        public string Message => Json.GetProperty("message").GetString()!;

        public JsonElement Data => Json.GetProperty("data");

        public string TaskId => Data.GetProperty("task_id").GetString()!;

        public string TaskStatus => Data.GetProperty("task_status").GetString()!;
    }
}
