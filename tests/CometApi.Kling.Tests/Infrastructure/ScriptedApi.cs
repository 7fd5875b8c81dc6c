using System.Net;
using System.Text;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// A fake Kling API answering each request with the next scripted step (the last step repeats), recording the virtual
/// time of every request so tests can check the poll schedule.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    private readonly TimeProvider _clock;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] _steps;
    private readonly DateTimeOffset _start;
    private int _next;

    public ScriptedApi(TimeProvider clock, params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        _clock = clock;
        _steps = steps;
        _start = clock.GetUtcNow();
    }

    public List<(TimeSpan At, HttpRequestMessage Request)> Requests { get; } = [];

    /// <summary>Seconds since the fake API was created at which each request arrived.</summary>
    public double[] RequestTimes => Requests.Select(request => Math.Round(request.At.TotalSeconds, 3)).ToArray();

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Task(string status, string taskId = "t-1") =>
        Json(HttpStatusCode.OK, Responses.Task(taskId, status));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(
        HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return System.Threading.Tasks.Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throws(Exception exception) =>
        (_, _) => System.Threading.Tasks.Task.FromException<HttpResponseMessage>(exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((_clock.GetUtcNow() - _start, request));
        var step = _steps[Math.Min(_next++, _steps.Length - 1)];
        return step(request, cancellationToken);
    }
}
