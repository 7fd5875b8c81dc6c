using System.Net;
using System.Net.Http.Headers;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The in-process door: no socket, but the request still goes through HttpClient's full pipeline and is read from its
/// bytes, and faults surface as the same exceptions SocketsHttpHandler throws.
/// </summary>
internal sealed class EmulatorHttpMessageHandler(EmulatorEngine engine) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request URI must be absolute; set HttpClient.BaseAddress to KlingEmulator.BaseAddress.");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        AddHeaders(headers, request.Headers);
        if (request.Content is not null)
        {
            AddHeaders(headers, request.Content.Headers);

            // Computed lazily by HttpContent, so absent from the raw header list; on a socket it would be sent.
            if (!headers.ContainsKey("Content-Length") && request.Content.Headers.ContentLength is { } length)
            {
                headers["Content-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // SocketsHttpHandler writes Host from the URI; record it too, so both doors record the same headers.
        headers.TryAdd("Host", uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}");

        var query = uri.Query.Length > 0 ? uri.Query[1..] : string.Empty;
        var engineRequest = new EngineRequest(request.Method.Method, uri.AbsolutePath, query, headers, body);
        var answer = await engine.HandleAsync(engineRequest, cancellationToken).ConfigureAwait(false);
        if (answer.Disposition == EngineDisposition.Drop)
        {
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded,
                "The Kling emulator dropped the connection (scripted fault): the response ended prematurely.",
                new IOException("The response ended prematurely."));
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Version = request.Version,
            Content = CreateContent(answer, engineRequest.IsHead),
        };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    private static HttpContent CreateContent(EngineResponse answer, bool isHead)
    {
        HttpContent content = isHead ? new ByteArrayContent([])
            : answer.Disposition == EngineDisposition.Truncate ? new TruncatedContent(answer.Body)
            : new ByteArrayContent(answer.Body);
        content.Headers.ContentLength = answer.Body.Length;
        if (answer.ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        }

        return content;
    }

    private static void AddHeaders(Dictionary<string, string> target, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            target[name] = string.Join(", ", values);
        }
    }
}
