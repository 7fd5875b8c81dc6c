using System.Net;
using System.Text;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// Helpers for the kind-generic tests: clients over a <see cref="CapturingHandler"/> that routes by method, path and
/// host, and task bodies of any kind with videos, images or audios in their result.
/// </summary>
internal static class KindApi
{
    public const string Key = "sk-kinds-test";
    public const string Cdn = "cdn.example.com";

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>A file body whose bytes say which URL they came from, so each saved file can be traced to its link.</summary>
    public static HttpResponseMessage File(Uri url) =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent(FileBytes(url)) };

    public static byte[] FileBytes(Uri url) => Encoding.UTF8.GetBytes("file of " + url.AbsolutePath);

    public static KlingClient Client(HttpMessageHandler handler, TimeProvider? clock = null, Action<KlingClientOptions>? configure = null)
    {
        var options = new KlingClientOptions { ApiKey = Key };
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        configure?.Invoke(options);
        return new KlingClient(new HttpClient(handler), options);
    }

    /// <summary>A task envelope; <paramref name="result"/> is the inside of <c>task_result</c> (e.g. <c>"videos":[…]</c>).</summary>
    public static string Task(string taskId, string status, string result = "", string? externalTaskId = null, string extra = "") =>
        "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"req-1\",\"data\":{\"task_id\":\"" + taskId + "\",\"task_status\":\"" + status + "\","
        + "\"task_info\":{" + (externalTaskId is null ? string.Empty : "\"external_task_id\":\"" + externalTaskId + "\"") + "},"
        + "\"created_at\":1777385361501,\"updated_at\":1777385363321,\"task_result\":{" + result + "}" + extra + "}}";

    public static string Videos(params string[] urls) =>
        "\"videos\":[" + string.Join(",", urls.Select((url, i) => $"{{\"id\":\"v-{i + 1}\",\"url\":\"{url}\",\"duration\":\"5.1\"}}")) + "]";

    public static string Images(params string[] urls) =>
        "\"images\":[" + string.Join(",", urls.Select((url, i) => $"{{\"index\":{i},\"url\":\"{url}\"}}")) + "]";

    /// <summary>The task as the client hands it out (parsed the same way), for calls that take a task.</summary>
    public static TaskResponse Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, CometApi.Kling.Serialization.KlingJsonContext.Default.TaskResponse)!;
}
