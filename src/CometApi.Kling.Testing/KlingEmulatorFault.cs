using System.Globalization;
using System.Net;
using System.Text;
using CometApi.Kling.Testing.Internal;

namespace CometApi.Kling.Testing;

/// <summary>
/// Something the emulator does instead of (or on top of) answering normally: an error response, a delay, a dropped
/// connection, a cut-off body. Immutable; build one with the static methods, refine it with <c>With...</c>, and script
/// it with <see cref="KlingEmulatorFaults.Add"/>.
/// </summary>
public sealed class KlingEmulatorFault
{
    private const string JsonContentType = "application/json";

    private KlingEmulatorFault(
        KlingEmulatorFaultKind kind,
        string description,
        HttpStatusCode statusCode = HttpStatusCode.OK,
        Func<string, byte[]>? body = null,
        string? contentType = null)
    {
        Kind = kind;
        Description = description;
        StatusCode = statusCode;
        BodyFactory = body;
        ContentType = contentType;
    }

    /// <summary>What the fault does.</summary>
    public KlingEmulatorFaultKind Kind { get; }

    /// <summary>The delay before the request is handled (zero when none).</summary>
    public TimeSpan Latency { get; private init; }

    /// <summary>The <c>Retry-After</c> delay added to the response, if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The <c>Retry-After</c> date added to the response, if any.</summary>
    public DateTimeOffset? RetryAfterDate { get; private init; }

    internal string Description { get; }

    internal HttpStatusCode StatusCode { get; }

    /// <summary>Builds the body from a fresh request id, so every response carries its own.</summary>
    internal Func<string, byte[]>? BodyFactory { get; }

    internal string? ContentType { get; }

    /// <summary>Answers with any HTTP status and body, e.g. a 200 whose body is not JSON, or an empty 503.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body, sent as UTF-8; <see langword="null"/> sends an empty body.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault Status(HttpStatusCode statusCode, string? body = null, string contentType = JsonContentType)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        return new(
            KlingEmulatorFaultKind.Response,
            FormattableString.Invariant($"HTTP {(int)statusCode}"),
            statusCode,
            _ => bytes,
            body is null ? null : contentType);
    }

    /// <summary>
    /// Answers with Kling's error envelope, <c>{"code":1303,"message":"...","request_id":"..."}</c>, as Kling sends it
    /// (and CometAPI passes it through).
    /// </summary>
    /// <param name="statusCode">The HTTP status, e.g. 429.</param>
    /// <param name="code">Kling's code, e.g. 1303 (see docs/kling-api.md section 4.1).</param>
    /// <param name="message">Kling's message, e.g. <c>"parallel task over resource pack limit"</c>.</param>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault KlingError(HttpStatusCode statusCode, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            KlingEmulatorFaultKind.Response,
            FormattableString.Invariant($"HTTP {(int)statusCode}, Kling code {code}"),
            statusCode,
            requestId => WireJson.KlingError(code, message, requestId),
            JsonContentType);
    }

    /// <summary>
    /// Answers with CometAPI's own error envelope, <c>{"error":{"message":"... (request id: ...)","type":"comet_api_error","param":"","code":"..."}}</c>.
    /// </summary>
    /// <param name="statusCode">The HTTP status, e.g. 500 or 503.</param>
    /// <param name="message">The message; the emulator appends <c>(request id: ...)</c> as CometAPI does.</param>
    /// <param name="code">CometAPI's <c>error.code</c>, e.g. <c>"invalid_request"</c>; often empty.</param>
    /// <param name="type">CometAPI's <c>error.type</c>.</param>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault CometError(HttpStatusCode statusCode, string message, string code = "", string type = "comet_api_error")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(type);
        return new(
            KlingEmulatorFaultKind.Response,
            FormattableString.Invariant($"HTTP {(int)statusCode}, CometAPI error {type}/{code}"),
            statusCode,
            requestId => WireJson.CometError(message, type, code, requestId),
            JsonContentType);
    }

    /// <summary>Answers with an HTML page, as a proxy, load balancer or wrong host does (<c>text/html</c>).</summary>
    /// <param name="statusCode">The HTTP status; the default is 502.</param>
    /// <param name="title">The page title; the default is the status line, e.g. <c>502 Bad Gateway</c>.</param>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault Html(HttpStatusCode statusCode = HttpStatusCode.BadGateway, string? title = null)
    {
        title ??= FormattableString.Invariant($"{(int)statusCode} {ReasonPhrase(statusCode)}");
        var encoded = WebUtility.HtmlEncode(title);
        var page = Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{encoded}</title></head>\r\n<body>\r\n<center><h1>{encoded}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        return new(
            KlingEmulatorFaultKind.Response,
            FormattableString.Invariant($"HTTP {(int)statusCode}, HTML page"),
            statusCode,
            _ => page,
            "text/html");
    }

    /// <summary>Handles the request normally after a delay measured on the emulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="latency">The delay; with a fake clock, advance it to let the answer through.</param>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault Delay(TimeSpan latency) =>
        new KlingEmulatorFault(KlingEmulatorFaultKind.None, "latency").WithLatency(latency);

    /// <summary>Closes the connection without handling the request: nothing happens on the emulator, no response arrives.</summary>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault DropBeforeProcessing() =>
        new(KlingEmulatorFaultKind.DropBeforeProcessing, "connection dropped before processing");

    /// <summary>
    /// Handles the request (a create makes its task) and then closes the connection instead of answering: the
    /// ambiguous create a client must reconcile by <c>external_task_id</c>.
    /// </summary>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault DropAfterProcessing() =>
        new(KlingEmulatorFaultKind.DropAfterProcessing, "connection dropped after processing");

    /// <summary>
    /// Handles the request, declares the full <c>Content-Length</c>, sends only the first half of the body and closes the
    /// connection.
    /// </summary>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault TruncatedBody() =>
        new(KlingEmulatorFaultKind.TruncatedBody, "truncated body");

    /// <summary>Handles the request normally but adds <c>Retry-After</c> (handy only with <see cref="WithRetryAfter(TimeSpan)"/>).</summary>
    /// <returns>The fault.</returns>
    public static KlingEmulatorFault None() => new(KlingEmulatorFaultKind.None, "no fault");

    /// <summary>Adds <c>Retry-After: &lt;seconds&gt;</c> (rounded up) to the response.</summary>
    /// <param name="delay">The delay to announce; not negative.</param>
    /// <returns>A copy of this fault with the header.</returns>
    public KlingEmulatorFault WithRetryAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(Kind, Description, StatusCode, BodyFactory, ContentType) { Latency = Latency, RetryAfter = delay };
    }

    /// <summary>Adds <c>Retry-After: &lt;HTTP date&gt;</c> to the response.</summary>
    /// <param name="date">The moment to announce.</param>
    /// <returns>A copy of this fault with the header.</returns>
    public KlingEmulatorFault WithRetryAfter(DateTimeOffset date) =>
        new(Kind, Description, StatusCode, BodyFactory, ContentType) { Latency = Latency, RetryAfterDate = date };

    /// <summary>Waits before doing this fault, on the emulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="latency">The delay; not negative.</param>
    /// <returns>A copy of this fault with the delay.</returns>
    public KlingEmulatorFault WithLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return new(Kind, Description, StatusCode, BodyFactory, ContentType) { Latency = latency, RetryAfter = RetryAfter, RetryAfterDate = RetryAfterDate };
    }

    /// <summary>Describes the fault, e.g. <c>HTTP 429, Kling code 1303, Retry-After 2 s</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Description);
        if (Latency > TimeSpan.Zero)
        {
            text.Append(CultureInfo.InvariantCulture, $", after {Latency.TotalSeconds:0.###} s");
        }

        if (RetryAfter is { } delay)
        {
            text.Append(CultureInfo.InvariantCulture, $", Retry-After {RetryAfterSeconds(delay)} s");
        }
        else if (RetryAfterDate is { } date)
        {
            text.Append(CultureInfo.InvariantCulture, $", Retry-After {date:R}");
        }

        return text.ToString();
    }

    /// <summary>The <c>Retry-After</c> header value, or <see langword="null"/>.</summary>
    internal string? RetryAfterHeader() =>
        RetryAfter is { } delay ? RetryAfterSeconds(delay).ToString(CultureInfo.InvariantCulture)
        : RetryAfterDate is { } date ? date.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture)
        : null;

    private static long RetryAfterSeconds(TimeSpan delay) => (long)Math.Ceiling(delay.TotalSeconds);

    private static string ReasonPhrase(HttpStatusCode statusCode)
    {
        using var response = new HttpResponseMessage(statusCode);
        return response.ReasonPhrase ?? statusCode.ToString();
    }
}
