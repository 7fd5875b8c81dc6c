using System.Net;
using System.Text;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>
/// A fake Kling host for the host and credential tests: records every request (address, Authorization, body) and
/// answers through <see cref="Answer"/>, by default a task object in Kling's envelope.
/// </summary>
internal sealed class RecordingApi : HttpMessageHandler
{
    public List<(Uri Uri, string? Authorization, string? Body)> Requests { get; } = [];

    public Func<HttpRequestMessage, int, (HttpStatusCode Status, string Json)> Answer { get; set; } = (_, _) => (HttpStatusCode.OK, TaskJson("succeed"));

    public IEnumerable<string?> Authorizations => Requests.Select(request => request.Authorization);

    public static string TaskJson(string status, string taskId = "867283741759111202", string? externalId = null)
    {
        var taskInfo = externalId is null ? "{}" : "{\"external_task_id\":\"" + externalId + "\"}";
        return "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r-1\",\"data\":{\"task_id\":\"" + taskId + "\",\"task_status\":\"" + status
            + "\",\"task_info\":" + taskInfo + ",\"created_at\":1,\"updated_at\":2,\"task_result\":{\"videos\":[{\"id\":\"v\",\"url\":\"https://cdn.example.com/v.mp4\",\"duration\":\"5\"}]}}}";
    }

    public static string Error(int code, string message) => $$"""{"code":{{code}},"message":"{{message}}","request_id":"r-err"}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        }

        var (status, json) = Answer(request, Requests.Count);
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
