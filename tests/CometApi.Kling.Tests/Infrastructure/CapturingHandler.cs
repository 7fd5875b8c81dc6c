using System.Net;
using System.Text;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>Records every request (with its body read eagerly) and answers with a scripted response.</summary>
internal sealed class CapturingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<CapturedRequest> Requests { get; } = [];

    public static CapturingHandler Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(_ => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, request.Headers, request.Content?.Headers, body));
        return respond(request);
    }
}

internal sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    System.Net.Http.Headers.HttpRequestHeaders Headers,
    System.Net.Http.Headers.HttpContentHeaders? ContentHeaders,
    string? Body);
