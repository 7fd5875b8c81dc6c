using CometApi.Kling.Primitives;
using CometApi.Kling.Serialization;
using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace CometApi.Kling.Http;

/// <summary>
/// Turns an HTTP response into a typed envelope or a <see cref="KlingApiException"/> that says what to do. Users never
/// see a raw <see cref="JsonException"/>: HTML pages, redirects, oversized and malformed bodies all get a clear message.
/// </summary>
internal sealed class KlingResponseReader(SecretRedactor redactor, TimeProvider timeProvider)
{
    /// <summary>Responses are small JSON documents; anything bigger is not one of ours and is not buffered.</summary>
    internal const int MaxBodyBytes = 8 * 1024 * 1024;

    private const int ExcerptLength = 200;
    private const int MaxServerMessageLength = 1000;

    /// <summary>The title sits in the page's head: only this many characters are searched, so no page can make the regex time out.</summary>
    private const int TitleSearchLength = 64 * 1024;

    private static readonly Regex CometRequestId = new(
        @"\(request id:\s*(?<id>[^)\s]+)\s*\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static readonly Regex HtmlTitle = new(
        "<title[^>]*>(?<title>[^<]*)</title>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    public async ValueTask<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class, IKlingEnvelope
    {
        try
        {
            var status = response.StatusCode;
            var code = (int)status;
            if (code is >= 300 and < 400)
            {
                throw new KlingApiException(
                    $"{operation} was answered with a redirect (HTTP {code} {status}) to '{redactor.Redact(DescribeLocation(response.Headers.Location))}', which was not followed (the key goes to the configured host only). "
                    + "The Kling API never redirects: check KlingClientOptions.BaseAddress (it must point at the API, e.g. https://api.cometapi.com/).",
                    status);
            }

            // The body, read here rather than in a method of its own: every API call passes here, and each awaited layer
            // costs a create time. Answers are a few hundred bytes and nearly always say their length: they are read
            // straight into an array of that size. Without a length, or when more arrives than it said, the rest is
            // gathered through a chunk borrowed from the pool (never 16 KiB allocated per response).
            byte[] body = [];
            var content = response.Content;
            if (content is not null)
            {
                var expected = content.Headers.ContentLength;
                if (expected is > MaxBodyBytes)
                {
                    throw TooLarge(response, operation);
                }

                try
                {
#if NET
                    using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                    using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                    body = expected is > 0 ? new byte[expected.Value] : [];
                    var filled = 0;
                    int read;
                    while (filled < body.Length && (read = await stream.ReadAsync(body, filled, body.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        filled += read;
                    }

                    // Whatever follows the declared length is read too, as it always was; a stream that can seek and is at its
                    // end (in-memory content) says so without a read.
                    var chunk = filled == body.Length && stream.CanSeek && stream.Position >= stream.Length ? [] : ArrayPool<byte>.Shared.Rent(16 * 1024);
                    try
                    {
                        read = chunk.Length == 0 ? 0 : await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            body = filled == body.Length ? body : body.AsSpan(0, filled).ToArray();
                        }
                        else
                        {
                            using var buffer = new MemoryStream();
                            buffer.Write(body, 0, filled);
                            do
                            {
                                if (buffer.Length + read > MaxBodyBytes)
                                {
                                    throw TooLarge(response, operation);
                                }

                                buffer.Write(chunk, 0, read);
                            }
                            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0);

                            body = buffer.ToArray();
                        }
                    }
                    finally
                    {
                        if (chunk.Length > 0)
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new KlingConnectionException(
                        $"{operation} failed: the connection broke while the response was being read ({redactor.Redact(ex.Message)}).", redactor.Sanitize(ex));
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                throw CreateErrorException(response, body, operation, ReadRetryAfter(response));
            }

            T? envelope;
            try
            {
                var json = StripBom(body).Span;
                envelope = ReferenceEquals(typeInfo, KlingJsonContext.Default.TaskResponse) && TaskResponseFastReader.TryRead(json) is { } task
                    ? (T)(object)task
                    : JsonSerializer.Deserialize(json, typeInfo);
            }
            catch (JsonException ex)
            {
                throw NotJson(response, body, operation, ex, ReadRetryAfter(response));
            }

            if (envelope is null)
            {
                throw new KlingApiException(
                    $"{operation} returned HTTP {code} with the JSON literal null instead of a response.", status, isRetryable: true, retryAfter: ReadRetryAfter(response));
            }

            if (envelope.Code != 0)
            {
                throw CreateApiException(
                    status, envelope.Code, redactor.Redact(envelope.Message), envelope.RequestId, errorType: null, errorCode: null, operation, ReadRetryAfter(response));
            }

            bool hasData;
            try
            {
                hasData = envelope.HasData;
            }
            catch (JsonException ex)
            {
                // A wrapped omni answer (Serialization.WrappedTaskAnswer) whose nested task has the wrong shape: as
                // unreadable as any other body of the wrong shape.
                throw NotJson(response, body, operation, ex, ReadRetryAfter(response));
            }

            if (!hasData)
            {
                throw new KlingApiException(
                    $"{operation} returned code 0 but no task data (request id: {envelope.RequestId ?? "none"}); the response does not look like the Kling API's.",
                    status,
                    code: 0,
                    serverMessage: redactor.Redact(envelope.Message),
                    requestId: envelope.RequestId);
            }

            return envelope;
        }
        catch (KlingApiException ex) when (ex.RetryAfter is null && response.Headers.TryGetValues("Retry-After", out _))
        {
            // A Retry-After that cannot be read (garbage, or a number too large for the header's own range) is a hint
            // nobody can honour: the retry policy surfaces the error at once instead of guessing.
            ex.RetryAfterUnreadable = true;
            throw;
        }
    }

    /// <summary>A redirect target without its query string: it may carry a signature or a token, and messages end up in logs.</summary>
    private static string? DescribeLocation(Uri? location) =>
        location is null ? null
        : location.IsAbsoluteUri ? $"{location.Scheme}://{location.Authority}{location.AbsolutePath}"
        : location.OriginalString.Split('?')[0];

    /// <summary>
    /// Reads <c>Retry-After</c> in both its forms: delta-seconds, or an HTTP date taken relative to the options' clock
    /// (so virtual-time tests see the same wait as production). A date in the past means "now".
    /// </summary>
    private TimeSpan? ReadRetryAfter(HttpResponseMessage response) => RetryAfterHeader.Read(response, timeProvider);


    private KlingApiException CreateErrorException(HttpResponseMessage response, byte[] body, string operation, TimeSpan? retryAfter)
    {
        var status = response.StatusCode;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StripBom(body));
        }
        catch (JsonException ex)
        {
            return NotJson(response, body, operation, ex, retryAfter);
        }

        using (document)
        {
            try
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    // CometAPI's own envelope: {"error":{"message","type","param","code"}}.
                    var message = redactor.Redact(GetString(error, "message"));
                    var requestId = GetString(root, "request_id") ?? FindCometRequestId(message);
                    var errorCode = GetString(error, "code");
                    int? klingCode = int.TryParse(errorCode, out var numeric) ? numeric : null;
                    return CreateApiException(status, klingCode, message, requestId, GetString(error, "type"), errorCode, operation, retryAfter);
                }

                if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("code", out _) || root.TryGetProperty("message", out _)))
                {
                    // Kling's envelope, passed through by CometAPI: {"code":1303,"message":"...","request_id":"..."}.
                    var message = redactor.Redact(GetString(root, "message"));
                    int? klingCode = GetInt(root, "code");
                    var requestId = GetString(root, "request_id") ?? FindCometRequestId(message);
                    return CreateApiException(status, klingCode, message, requestId, errorType: null, errorCode: null, operation, retryAfter);
                }

                return CreateApiException(status, code: null, Excerpt(body), requestId: null, errorType: null, errorCode: null, operation, retryAfter);
            }
            catch (InvalidOperationException ex)
            {
                // JsonDocument.Parse does not check the UTF-8 inside strings; reading an invalid one throws here.
                return NotJson(response, body, operation, new JsonException(ex.Message, ex), retryAfter);
            }
        }
    }

    private KlingApiException CreateApiException(
        HttpStatusCode status, int? code, string? serverMessage, string? requestId, string? errorType, string? errorCode, string operation, TimeSpan? retryAfter)
    {
        // Everything the server says is untrusted text: hide the key in all of it and keep it short.
        serverMessage = Shorten(redactor.Redact(serverMessage), MaxServerMessageLength);
        requestId = Shorten(redactor.Redact(requestId), ExcerptLength);
        errorType = Shorten(redactor.Redact(errorType), ExcerptLength);
        errorCode = Shorten(redactor.Redact(errorCode), ExcerptLength);
        var retryable = KlingErrorClassifier.IsRetryable(status, code, errorCode);
        var text = new StringBuilder();
        text.Append(operation).Append(" failed: HTTP ").Append((int)status).Append(' ').Append(status);
        if (code is { } kling)
        {
            text.Append(", Kling code ").Append(kling);
            if (KlingErrorClassifier.Describe(kling) is { } meaning)
            {
                text.Append(" (").Append(meaning).Append(')');
            }
        }
        else if (errorCode is { Length: > 0 } || errorType is { Length: > 0 })
        {
            text.Append(", CometAPI error ").Append(errorType).Append(errorCode is { Length: > 0 } ? $"/{errorCode}" : string.Empty);
        }

        text.Append('.');
        if (!string.IsNullOrWhiteSpace(serverMessage))
        {
            text.Append(" Server message: \"").Append(serverMessage).Append("\".");
        }

        text.Append(retryable ? " This may succeed if retried later." : " Retrying the same request will not help.");
        if (requestId is not null)
        {
            text.Append(" Request id: ").Append(requestId).Append('.');
        }

        return new KlingApiException(text.ToString(), status, code, serverMessage, requestId, errorType, errorCode, retryable, retryAfter: retryAfter);
    }

    private KlingApiException NotJson(HttpResponseMessage response, byte[] body, string operation, JsonException cause, TimeSpan? retryAfter)
    {
        var status = response.StatusCode;
        var mediaType = response.Content?.Headers.ContentType?.MediaType;
        var text = Encoding.UTF8.GetString(body);
        var isHtml = IsHtml(mediaType, text);
        var what = body.Length == 0 ? "an empty body" : isHtml ? "an HTML page" : $"a body that is not valid JSON ({mediaType ?? "no content type"})";
        var excerpt = body.Length == 0 ? null : isHtml && FindTitle(text) is { } title
            ? $"title \"{Clip(title)}\""
            : $"\"{Excerpt(body)}\"";
        var hint = isHtml || (int)status == 404
            ? " This usually means KlingClientOptions.BaseAddress points at the wrong host or path (expected e.g. https://api.cometapi.com/)."
            : string.Empty;
        var message = $"{operation} returned HTTP {(int)status} {status} with {what} instead of Kling JSON." + hint
            + (excerpt is null ? string.Empty : $" Start of the response: {redactor.Redact(excerpt)}.");

        // A 2xx JSON-ish body we cannot parse is more likely a glitch than a permanent state, but an HTML page on 2xx is
        // a wrong address (a web site, a login portal): retrying it only wastes time.
        var retryable = (response.IsSuccessStatusCode && !isHtml) || KlingErrorClassifier.IsRetryable(status, code: null, cometErrorCode: null);
        return new KlingApiException(message, status, isRetryable: retryable, innerException: isHtml || body.Length == 0 ? null : cause, retryAfter: retryAfter);
    }

    // The whole body is decoded: cutting the bytes before redacting could leave the start of the key at the cut.
    private string Excerpt(byte[] body) => Clip(Encoding.UTF8.GetString(body));

    /// <summary>Collapses whitespace, removes the key, then shortens (in that order, so a cut never leaves part of the key).</summary>
    private string Clip(string text)
    {
        text = redactor.Redact(Collapse(text)) ?? string.Empty;
        return text.Length <= ExcerptLength ? text : text.Substring(0, ExcerptLength) + "…";
    }

    private static string? FindTitle(string text)
    {
        try
        {
            var match = HtmlTitle.Match(text, 0, Math.Min(text.Length, TitleSearchLength));
            return match.Success ? match.Groups["title"].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string? Shorten(string? text, int maxLength) =>
        text is null || text.Length <= maxLength ? text : text.Substring(0, maxLength) + "…";

    private static KlingApiException TooLarge(HttpResponseMessage response, string operation) => new(
        $"{operation} returned HTTP {(int)response.StatusCode} with a body over {MaxBodyBytes / (1024 * 1024)} MiB; that is not a Kling API response. Check KlingClientOptions.BaseAddress.",
        response.StatusCode);

    private static bool IsHtml(string? mediaType, string text) =>
        string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase)
        || text.TrimStart().StartsWith("<", StringComparison.Ordinal);

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static ReadOnlyMemory<byte> StripBom(byte[] body) =>
        body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? body.AsMemory(3) : body;

    private static string? FindCometRequestId(string? message) =>
        message is not null && CometRequestId.Match(message) is { Success: true } match ? match.Groups["id"].Value : null;

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static int? GetInt(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), out var parsed) => parsed,
            _ => null,
        };
    }
}
