using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling.Diagnostics;

namespace CometApi.Kling.Http;

/// <summary>
/// Sends one API request: resolves the route against the base address, adds the key to this request only (never to
/// <see cref="HttpClient.DefaultRequestHeaders"/>, so a shared client and video downloads never carry it), and maps
/// transport failures to <see cref="KlingConnectionException"/> while keeping caller cancellation as it is.
/// </summary>
internal sealed class KlingRequestSender
{
    // Header values are kept as checked strings and added without re-parsing: every call sends them, and a parsed
    // header costs a few objects per request.
    private static readonly string UserAgent = string.Join(" ", CreateUserAgent().Select(product => product.ToString()));
    private const string AcceptJson = "application/json";

    private readonly HttpClient _httpClient;
    private readonly Uri _baseAddress;
    private readonly string? _apiKey;
    private readonly string? _authorization;
    private readonly bool _keyIsHeaderSafe;
    private readonly SecretRedactor _redactor;
    private readonly KlingResponseReader _reader;

    public KlingRequestSender(HttpClient httpClient, Uri baseAddress, string? apiKey, TimeProvider timeProvider, KlingResiliencePipelines pipelines, KlingTelemetry telemetry)
    {
        _httpClient = httpClient;
        _baseAddress = baseAddress;
        _apiKey = apiKey;
        _authorization = "Bearer " + apiKey;

        // Checked once here, not on every call: CheckKey runs on every request.
        _keyIsHeaderSafe = apiKey is not null && IsHeaderSafe(apiKey);
        _redactor = new SecretRedactor(apiKey);
        _reader = new KlingResponseReader(_redactor, timeProvider);
        Pipelines = pipelines;
        Telemetry = telemetry;
    }

    /// <summary>The client requests go through; downloads use it too, without the key.</summary>
    public HttpClient HttpClient => _httpClient;

    public KlingResiliencePipelines Pipelines { get; }

    public KlingTelemetry Telemetry { get; }

    /// <summary>Sends a query (no body) through the query pipeline: retried on transient faults, each attempt timed out.</summary>
    public async Task<T> SendAsync<T>(
        HttpMethod method, string route, JsonTypeInfo<T> typeInfo, string operation, bool retry, CancellationToken cancellationToken, bool countFailure = true)
        where T : class, IKlingEnvelope
    {
        CheckKey(content: null);
        try
        {
            return await Pipelines.ExecuteQueryAsync(
                token => SendOnceAsync(method, Resolve(route), content: null, typeInfo, operation, token), operation, retry, cancellationToken).ConfigureAwait(false);
        }
        catch (KlingException ex) when (countFailure)
        {
            Telemetry.Failed(operation, ex);
            throw;
        }
    }

    /// <summary>The absolute address of <paramref name="route"/> (relative to the base address).</summary>
    public Uri Resolve(string route) => new(_baseAddress, route);

    /// <summary>Sends one request once; the caller owns retries. Everything from sending to the last byte read is under <paramref name="cancellationToken"/>.</summary>
    public async Task<T> SendOnceAsync<T>(
        HttpMethod method, Uri requestUri, HttpContent? content, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class, IKlingEnvelope
    {
        CheckKey(content);
        using var request = new HttpRequestMessage(method, requestUri) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        request.Headers.TryAddWithoutValidation("Accept", AcceptJson);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: HttpClient.Timeout (or a handler) gave up waiting.
            throw new KlingConnectionException(
                $"{operation} timed out after {_httpClient.Timeout.TotalSeconds:0.#} s (HttpClient.Timeout) without a response.",
                new TimeoutException(_redactor.Redact(ex.Message), _redactor.Sanitize(ex)));
        }
        catch (HttpRequestException ex)
        {
            // The handler's text is kept for diagnosis (connection refused, name not resolved, TLS), but a handler may
            // quote the request: the key and base64 runs are masked in the message and, if needed, in the inner chain.
            throw new KlingConnectionException($"{operation} failed before a response arrived: {_redactor.Redact(ex.Message)}", _redactor.Sanitize(ex));
        }

        using (response)
        {
            if (!Equals(request.RequestUri, requestUri))
            {
                // The handler followed a redirect (the SDK's own handlers never do for API calls; a caller's HttpClient
                // may). Whatever answered is not the configured API: refuse its response instead of reading it.
                throw Redirected(operation, requestUri, request.RequestUri, response);
            }

            return await _reader.ReadAsync(response, typeInfo, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    private static KlingApiException Redirected(string operation, Uri address, Uri? final, HttpResponseMessage response)
    {
        var where = final is null ? "another address" : $"'{final.Scheme}://{final.Authority}{final.AbsolutePath}'";
        var host = Uri.Compare(address, final, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            ? "on the same host"
            : "to another host";
        return new KlingApiException(
            $"{operation} was redirected {host} ({where}) by the HttpClient's handler, and the SDK does not accept redirected API calls: "
            + "the key is only meant for KlingClientOptions.BaseAddress and the Kling API never redirects. The response was not read "
            + "(HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + " from there). Check KlingClientOptions.BaseAddress, "
            + "and give the KlingClient an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false; AddKlingClient and the default client already do).",
            response.StatusCode);
    }

    /// <summary>Fails before anything is sent when there is no key.</summary>
    public void CheckKey(HttpContent? content)
    {
        if (string.IsNullOrWhiteSpace(_apiKey))
        {
            content?.Dispose();
            throw new InvalidOperationException(
                $"No CometAPI key is configured, so nothing was sent. Set KlingClientOptions.ApiKey or the {KlingClientOptions.ApiKeyEnvironmentVariable} environment variable.");
        }

        if (!_keyIsHeaderSafe)
        {
            // A key read from a file often ends in a newline. Said here, without the key, rather than by the HTTP stack.
            content?.Dispose();
            throw new InvalidOperationException(
                "The CometAPI key contains a character no API key has and that cannot be sent safely in an HTTP header (a space, line break, tab, control or non-ASCII character), so nothing was sent. Check KlingClientOptions.ApiKey for stray whitespace.");
        }
    }

    private static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static ProductInfoHeaderValue[] CreateUserAgent()
    {
        var assembly = typeof(KlingRequestSender).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        var product = new ProductInfoHeaderValue("CometApi.Kling", version);
        try
        {
            // The comment is informative only: keep it to characters a header comment always accepts.
            var runtime = new string(RuntimeInformation.FrameworkDescription.Where(c => c is >= ' ' and <= '~' and not '(' and not ')').ToArray());
            return [product, new ProductInfoHeaderValue($"({runtime.Trim()}; {RuntimeInformation.OSArchitecture})")];
        }
        catch (FormatException)
        {
            return [product];
        }
    }
}
