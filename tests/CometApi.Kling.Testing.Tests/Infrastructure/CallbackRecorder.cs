using System.Collections.Concurrent;
using System.Net;

namespace CometApi.Kling.Testing.Tests.Infrastructure;

/// <summary>A callback receiver as an in-process handler: records each POST and answers with a chosen status (or throws).</summary>
internal sealed class CallbackRecorder(HttpStatusCode status = HttpStatusCode.OK, bool fail = false) : HttpMessageHandler
{
    public ConcurrentQueue<(Uri Url, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers)> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((request.RequestUri!, request.Content.Headers.ContentType!.MediaType!, body, headers));
        if (fail)
        {
            throw new HttpRequestException("Connection refused (test receiver)");
        }

        return new HttpResponseMessage(status);
    }
}
