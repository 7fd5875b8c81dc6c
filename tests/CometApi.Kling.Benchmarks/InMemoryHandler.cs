using System.Net;

namespace CometApi.Kling.Benchmarks;

/// <summary>Answers every request with the same JSON, after draining the request body as a real server would.</summary>
internal sealed class InMemoryHandler(byte[] responseBody) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(responseBody) };
    }
}
