using System.Text;

namespace CometApi.Kling.Testing;

/// <summary>One request the emulator received, as it arrived (recorded even when a fault dropped it).</summary>
public sealed class KlingEmulatorRequest
{
    private int _responseStatusCode;

    internal KlingEmulatorRequest(
        long sequence,
        KlingEmulatorEndpoint endpoint,
        string? route,
        int callNumber,
        string method,
        string path,
        string query,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        DateTimeOffset receivedAt,
        KlingEmulatorFault? fault)
    {
        Sequence = sequence;
        Endpoint = endpoint;
        Route = route;
        CallNumber = callNumber;
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
        Fault = fault;
    }

    /// <summary>The request's position among all requests the emulator received, from 1.</summary>
    public long Sequence { get; }

    /// <summary>The endpoint the request was routed to.</summary>
    public KlingEmulatorEndpoint Endpoint { get; }

    /// <summary>
    /// The route (task kind) the request was on, e.g. <c>videos/text2video</c> (<see cref="KlingEmulator.Routes"/>), also
    /// for a refused method on it; <see langword="null"/> for result downloads and unknown paths.
    /// </summary>
    public string? Route { get; }

    /// <summary>The request's position among the calls of its <see cref="Endpoint"/>, from 1 (what faults are aimed at).</summary>
    public int CallNumber { get; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path as sent (percent-encoded), e.g. <c>/kling/v1/videos/image2video</c>.</summary>
    public string Path { get; }

    /// <summary>The query string without the leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>The request and content headers, by case-insensitive name; repeated values are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body's bytes (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>When the request arrived, on the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The scripted fault that hit this request, if any.</summary>
    public KlingEmulatorFault? Fault { get; }

    /// <summary>The HTTP status answered; <see langword="null"/> while the request is being handled or when no response was sent (dropped connection).</summary>
    public int? ResponseStatusCode
    {
        get
        {
            var status = Volatile.Read(ref _responseStatusCode);
            return status == 0 ? null : status;
        }
    }

    /// <summary>
    /// How the request's <c>Authorization</c> header was judged; <see langword="null"/> for result downloads, paths outside
    /// the API and requests a fault answered before the check.
    /// </summary>
    public KlingEmulatorAuthentication? Authentication { get; private set; }

    /// <summary>The task the request created or read, if any.</summary>
    public string? TaskId { get; private set; }

    /// <summary>Describes the request, e.g. <c>#3 POST /kling/v1/videos/image2video -> 200</c>.</summary>
    public override string ToString() =>
        $"#{Sequence} {Method} {Path}{(Query.Length > 0 ? "?" + Query : string.Empty)} -> {(ResponseStatusCode is { } status ? status : "no response")}";

    internal bool IsCompleted { get; private set; }

    internal void Authenticated(KlingEmulatorAuthentication authentication) => Authentication = authentication;

    internal void Complete(int? statusCode, string? taskId)
    {
        IsCompleted = true;
        TaskId = taskId;
        Volatile.Write(ref _responseStatusCode, statusCode ?? 0);
    }
}
