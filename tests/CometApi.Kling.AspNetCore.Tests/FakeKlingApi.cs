using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CometApi.Kling.AspNetCore.Tests;

/// <summary>The Kling query endpoint with a settable status per task; unknown ids get Kling's 404.</summary>
internal sealed class FakeKlingApi : HttpMessageHandler
{
    private const string Route = "/kling/v1/videos/image2video/";

    public ConcurrentDictionary<string, string> Statuses { get; } = new();

    /// <summary>Answers to give (per task id) before the real one, e.g. a 503.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> Failures { get; } = new();

    public ConcurrentQueue<(string TaskId, string? Authorization)> Queries { get; } = new();

    public int QueriesFor(string taskId) => Queries.Count(query => query.TaskId == taskId);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method != HttpMethod.Get || !path.StartsWith(Route, StringComparison.Ordinal))
        {
            return Task.FromResult(Json(HttpStatusCode.NotFound, "{\"code\":1202,\"message\":\"invalid method\"}"));
        }

        var taskId = Uri.UnescapeDataString(path[Route.Length..]);
        Queries.Enqueue((taskId, request.Headers.Authorization?.ToString()));
        if (Failures.TryGetValue(taskId, out var failures) && failures.TryDequeue(out var failure))
        {
            return Task.FromResult(Json(failure, "{\"code\":5001,\"message\":\"maintenance\"}"));
        }

        return Task.FromResult(Statuses.TryGetValue(taskId, out var status)
            ? Json(HttpStatusCode.OK, $$$"""{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"{{{taskId}}}","task_status":"{{{status}}}"}}""")
            : Json(HttpStatusCode.NotFound, "{\"code\":1203,\"message\":\"task not found\",\"request_id\":\"r\"}"));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
