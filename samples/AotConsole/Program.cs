// A native-AOT console that exercises the SDK's JSON, validation and HTTP paths. Without arguments it talks to an
// in-memory handler; with KLING_BASE_ADDRESS (and COMETAPI_KEY) it queries a real Kling-compatible server.
using System.Net;
using System.Text;
using CometApi.Kling;

var baseAddress = Environment.GetEnvironmentVariable("KLING_BASE_ADDRESS");
using var httpClient = baseAddress is { Length: > 0 } ? new HttpClient() : new HttpClient(new CannedHandler());
var client = new KlingClient(httpClient, new KlingClientOptions
{
    ApiKey = Environment.GetEnvironmentVariable("COMETAPI_KEY") ?? "sk-aot",
    BaseAddress = baseAddress is { Length: > 0 } ? new Uri(baseAddress) : KlingClientOptions.DefaultBaseAddress,
});

try
{
    await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), CfgScale = 2 });
}
catch (KlingValidationException ex)
{
    Console.WriteLine($"validation works: {ex.Errors.Count} problem(s), first at {ex.Errors[0].Path}");
}

var created = await client.CreateImageToVideoAsync(new ImageToVideoRequest
{
    Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
    Prompt = "The cat turns its head",
    Duration = KlingDuration.Five,
});
var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId);
Console.WriteLine($"created {created.Data.TaskId}; now {task.Data.TaskStatus}, {task.Data.TaskResult?.Videos.Count ?? 0} video(s), created {task.Data.CreatedAt:O}");
return task.Data.TaskId.Length > 0 ? 0 : 1;

/// <summary>Answers like the service: a created task, then a succeeded one.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var json = request.Method == HttpMethod.Post
            ? """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}"""
            : """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"2032273942220931072","task_status":"succeed","task_result":{"videos":[{"id":"v","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]},"created_at":1773366840306,"updated_at":1773366900000}}""";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
