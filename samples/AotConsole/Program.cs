// A native-AOT console that exercises the SDK's JSON, validation and HTTP paths. Without arguments it talks to an
// in-memory handler; with KLING_BASE_ADDRESS (and COMETAPI_KEY) it queries a real Kling-compatible server.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling;

var baseAddress = Environment.GetEnvironmentVariable("KLING_BASE_ADDRESS");
var options = new KlingClientOptions
{
    ApiKey = Environment.GetEnvironmentVariable("COMETAPI_KEY") ?? "sk-aot",
    BaseAddress = baseAddress is { Length: > 0 } ? new Uri(baseAddress) : KlingClientOptions.DefaultBaseAddress,
};

// A real server goes through the SDK's shared HttpClient (no HttpClient.Timeout, no redirects for API calls).
using var canned = new HttpClient(new CannedHandler());
var client = baseAddress is { Length: > 0 } ? new KlingClient(options) : new KlingClient(canned, options);

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

// Store the task and read it back with the SDK's own JSON, then through this app's options, where the SDK's resolver
// joins this assembly's context (which, unlike the SDK's tests, cannot see the SDK's internal converters: it holds only
// the app's own types, and KlingJson.TypeInfoResolver brings the models).
var stored = KlingJson.Serialize(task);
var restored = KlingJson.Deserialize<TaskResponse>(Encoding.UTF8.GetBytes(stored));
var appOptions = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
appOptions.TypeInfoResolverChain.Add(KlingJson.TypeInfoResolver);
appOptions.TypeInfoResolverChain.Add(AppJsonContext.Default);
var taskInfo = (JsonTypeInfo<TaskResponse>)appOptions.GetTypeInfo(typeof(TaskResponse));
var viaAppOptions = JsonSerializer.Serialize(JsonSerializer.Deserialize(stored, taskInfo)!, taskInfo);
var receipt = JsonSerializer.Serialize(new Receipt(task.Data.TaskId, task.Data.TaskStatus.ToString()), appOptions.GetTypeInfo(typeof(Receipt)));
var sameJson = KlingJson.Serialize(restored) == stored && viaAppOptions == stored && restored.Data.CreatedAt == task.Data.CreatedAt;
Console.WriteLine($"KlingJson round trip: {stored.Length} bytes, {(sameJson ? "identical" : "DIFFERENT")} through KlingJson and this app's options; {receipt}");
return task.Data.TaskId.Length > 0 && sameJson ? 0 : 1;

/// <summary>This app's own type.</summary>
internal sealed record Receipt(string TaskId, string Status);

/// <summary>This app's own source-generated context: only the app's types; the SDK's models come from KlingJson.TypeInfoResolver.</summary>
[JsonSerializable(typeof(Receipt))]
internal sealed partial class AppJsonContext : JsonSerializerContext;

/// <summary>Answers like the service: a created task, then a succeeded one.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var json = request.Method == HttpMethod.Post
            ? """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}"""
            : """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"2032273942220931072","task_status":"succeed","task_result":{"videos":[{"id":"v","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]},"created_at":1773366840306,"updated_at":1773366900000,"future_field":[1]}}""";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
