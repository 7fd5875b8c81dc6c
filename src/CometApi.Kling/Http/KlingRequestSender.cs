using CometApi.Kling.Serialization;
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
    private readonly TimeProvider _timeProvider;
    private readonly Func<string?>? _apiKeyProvider;
    private volatile KeyState _key;

    // apiKeyProvider, when set, is asked for the key before every request instead of apiKey (dependency injection: a key
    // rotated in the options is used by the next request). It must be cheap and must not throw.
    public KlingRequestSender(
        HttpClient httpClient, KlingHostProfile profile, string? apiKey, TimeProvider timeProvider, KlingResiliencePipelines pipelines, KlingTelemetry telemetry,
        Func<string?>? apiKeyProvider = null)
    {
        _httpClient = httpClient;
        Profile = profile;
        _baseAddress = profile.BaseAddress;
        _timeProvider = timeProvider;
        _apiKeyProvider = apiKeyProvider;
        _key = new KeyState(apiKeyProvider is null ? apiKey : apiKeyProvider(), timeProvider);
        Pipelines = pipelines;
        Telemetry = telemetry;
    }

    /// <summary>The client requests go through; downloads use it too, without the key.</summary>
    public HttpClient HttpClient => _httpClient;

    public KlingResiliencePipelines Pipelines { get; }

    /// <summary>The host: its address, route prefix and external-id lookup.</summary>
    public KlingHostProfile Profile { get; }

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

    /// <summary>
    /// Looks a task up by its external id under <paramref name="route"/> (<c>?external_task_id=</c>), retried like any
    /// query. A create's reconciliation passes <paramref name="countFailure"/> false: "not found" is an expected answer
    /// there, and what the create ends in is counted once, by the create.
    /// </summary>
    public async Task<TaskResponse> GetByExternalIdAsync(string route, string externalTaskId, bool countFailure, CancellationToken cancellationToken)
    {
        var operation = $"Querying the task with external id '{externalTaskId}'";
        var response = await SendAsync(
            HttpMethod.Get, $"{route}?external_task_id={Uri.EscapeDataString(externalTaskId)}", KlingJsonContext.Default.ExternalIdTaskResponse, operation, retry: true, cancellationToken, countFailure)
            .ConfigureAwait(false);
        return response.ToTaskResponse(externalTaskId, operation);
    }

    /// <summary>The absolute address of <paramref name="route"/> (relative to the base address).</summary>
    public Uri Resolve(string route) => new(_baseAddress, route);

    /// <summary>Sends one request once; the caller owns retries. Everything from sending to the last byte read is under <paramref name="cancellationToken"/>.</summary>
    public async Task<T> SendOnceAsync<T>(
        HttpMethod method, Uri requestUri, HttpContent? content, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class, IKlingEnvelope
    {
        // One key for the whole request (header, redaction), even if it is rotated meanwhile.
        var key = CurrentKey();
        CheckKey(key, content);
        using var request = new HttpRequestMessage(method, requestUri) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", key.Authorization);
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
                new TimeoutException(key.Redactor.Redact(ex.Message), key.Redactor.Sanitize(ex)));
        }
        catch (HttpRequestException ex)
        {
            // The handler's text is kept for diagnosis (connection refused, name not resolved, TLS), but a handler may
            // quote the request: the key and base64 runs are masked in the message and, if needed, in the inner chain.
            throw new KlingConnectionException($"{operation} failed before a response arrived: {key.Redactor.Redact(ex.Message)}", key.Redactor.Sanitize(ex));
        }

        using (response)
        {
            if (!Equals(request.RequestUri, requestUri))
            {
                // The handler followed a redirect (the SDK's own handlers never do for API calls; a caller's HttpClient
                // may). Whatever answered is not the configured API: refuse its response instead of reading it.
                throw Redirected(operation, requestUri, request.RequestUri, response);
            }

            return await key.Reader.ReadAsync(response, typeInfo, operation, cancellationToken).ConfigureAwait(false);
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
    public void CheckKey(HttpContent? content) => CheckKey(CurrentKey(), content);

    /// <summary>The key to send now: asked of the provider, if any; what is derived from it is kept until it changes.</summary>
    private KeyState CurrentKey()
    {
        var state = _key;
        if (_apiKeyProvider is null)
        {
            return state;
        }

        var apiKey = _apiKeyProvider();
        if (string.Equals(apiKey, state.ApiKey, StringComparison.Ordinal))
        {
            return state;
        }

        // Two requests may build this at once after a rotation: both states are equal, either may stay.
        state = new KeyState(apiKey, _timeProvider);
        _key = state;
        return state;
    }

    private static void CheckKey(KeyState key, HttpContent? content)
    {
        if (string.IsNullOrWhiteSpace(key.ApiKey))
        {
            content?.Dispose();
            throw new InvalidOperationException(
                $"No CometAPI key is configured, so nothing was sent. Set KlingClientOptions.ApiKey or the {KlingClientOptions.ApiKeyEnvironmentVariable} environment variable.");
        }

        if (!key.IsHeaderSafe)
        {
            // A key read from a file often ends in a newline. Said here, without the key, rather than by the HTTP stack.
            content?.Dispose();
            throw new InvalidOperationException(
                "The CometAPI key contains a character no API key has and that cannot be sent safely in an HTTP header (a space, line break, tab, control or non-ASCII character), so nothing was sent. Check KlingClientOptions.ApiKey for stray whitespace.");
        }
    }

    /// <summary>
    /// A key and what every request derives from it, computed once per key rather than per call: the header value (a
    /// parsed header costs a few objects per request), whether it can be sent, and the redactor that hides it.
    /// </summary>
    private sealed class KeyState
    {
        public KeyState(string? apiKey, TimeProvider timeProvider)
        {
            ApiKey = apiKey;
            Authorization = "Bearer " + apiKey;
            IsHeaderSafe = apiKey is not null && KlingRequestSender.IsHeaderSafe(apiKey);
            Redactor = new SecretRedactor(apiKey);
            Reader = new KlingResponseReader(Redactor, timeProvider);
        }

        public string? ApiKey { get; }

        public string Authorization { get; }

        public bool IsHeaderSafe { get; }

        public SecretRedactor Redactor { get; }

        public KlingResponseReader Reader { get; }
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
