using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CometApi.Kling.AspNetCore.Tests;

/// <summary>
/// The Kling query endpoints of every kind with a settable status per task; a task is found only under its own kind's
/// route (image2video unless <see cref="Kinds"/> says otherwise), and unknown ids get Kling's 404.
/// </summary>
internal sealed class FakeKlingApi : HttpMessageHandler
{
    private const string Prefix = "/kling/v1/";

    public ConcurrentDictionary<string, string> Statuses { get; } = new();

    /// <summary>The kind of a task (by id); a task not listed is an image2video task.</summary>
    public ConcurrentDictionary<string, KlingTaskKind> Kinds { get; } = new();

    /// <summary>Answers to give (per task id) before the real one, e.g. a 503.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> Failures { get; } = new();

    public ConcurrentQueue<(string TaskId, string? Authorization, string Route)> Queries { get; } = new();

    public int QueriesFor(string taskId) => Queries.Count(query => query.TaskId == taskId);

    public string[] RoutesQueriedFor(string taskId) => Queries.Where(query => query.TaskId == taskId).Select(query => query.Route).ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var route = KlingTaskKind.Known.Select(kind => kind.Route).FirstOrDefault(route => path.StartsWith(Prefix + route + "/", StringComparison.Ordinal));
        if (request.Method != HttpMethod.Get || route is null)
        {
            return Task.FromResult(Json(HttpStatusCode.NotFound, "{\"code\":1202,\"message\":\"invalid method\"}"));
        }

        var taskId = Uri.UnescapeDataString(path[(Prefix.Length + route.Length + 1)..]);
        Queries.Enqueue((taskId, request.Headers.Authorization?.ToString(), route));
        if (Failures.TryGetValue(taskId, out var failures) && failures.TryDequeue(out var failure))
        {
            return Task.FromResult(Json(failure, "{\"code\":5001,\"message\":\"maintenance\"}"));
        }

        var kind = Kinds.TryGetValue(taskId, out var own) ? own : KlingTaskKind.ImageToVideo;
        return Task.FromResult(Statuses.TryGetValue(taskId, out var status) && kind.Route == route
            ? Json(HttpStatusCode.OK, $$$"""{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"{{{taskId}}}","task_status":"{{{status}}}"}}""")
            : Json(HttpStatusCode.NotFound, "{\"code\":1203,\"message\":\"task not found\",\"request_id\":\"r\"}"));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
