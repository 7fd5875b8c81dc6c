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
    private readonly Func<KlingCredentialSettings>? _credentialsProvider;
    private volatile KlingCredential _credential;

    // credentialsProvider, when set, is asked for the credentials before every request instead of credentials
    // (dependency injection: a key rotated in the options is used by the next request). It must be cheap and must not throw.
    public KlingRequestSender(
        HttpClient httpClient, KlingHostProfile profile, KlingCredentialSettings credentials, TimeProvider timeProvider, KlingResiliencePipelines pipelines, KlingTelemetry telemetry,
        Func<KlingCredentialSettings>? credentialsProvider = null)
    {
        _httpClient = httpClient;
        Profile = profile;
        _baseAddress = profile.BaseAddress;
        _timeProvider = timeProvider;
        _credentialsProvider = credentialsProvider;
        _credential = KlingCredential.From(credentialsProvider is null ? credentials : credentialsProvider(), timeProvider);
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
        CheckKey();
        try
        {
            return await Pipelines.ExecuteQueryAsync(
                token => SendOnceAsync(method, Resolve(route), createContent: null, contentState: null, typeInfo, operation, token), operation, retry, cancellationToken).ConfigureAwait(false);
        }
        catch (KlingException ex) when (countFailure)
        {
            Telemetry.Failed(operation, ex);
            throw;
        }
    }

    /// <summary>
    /// Looks a task up by its external id under <paramref name="route"/>, retried like any query. On Kling's own host the
    /// id is first tried as the query route's path parameter (its page lists <c>external_task_id</c> among them), then as
    /// <c>?external_task_id=</c>; elsewhere only the query-string form is used. "Not found" is the answer only when every
    /// form tried says so: a create's reconciliation resends on it, so it must never be a guess. A create's
    /// reconciliation passes <paramref name="countFailure"/> false: "not found" is an expected answer there, and what the
    /// create ends in is counted once, by the create.
    /// </summary>
    public async Task<TaskResponse> GetByExternalIdAsync(string route, string externalTaskId, bool countFailure, CancellationToken cancellationToken)
    {
        var operation = $"Querying the task with external id '{externalTaskId}'";
        var escaped = Uri.EscapeDataString(externalTaskId);
        if (Profile.ExternalIdInPath)
        {
            try
            {
                var byPath = await SendAsync(
                    HttpMethod.Get, $"{route}/{escaped}", KlingJsonContext.Default.ExternalIdTaskResponse, operation, retry: true, cancellationToken, countFailure: false)
                    .ConfigureAwait(false);
                return byPath.ToTaskResponse(externalTaskId, operation);
            }
            catch (KlingApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest)
            {
                // Not found, or refused as no valid task id: the host may read the path segment as a task id only, so
                // the query-string form decides.
            }
        }

        var response = await SendAsync(
            HttpMethod.Get, $"{route}?external_task_id={escaped}", KlingJsonContext.Default.ExternalIdTaskResponse, operation, retry: true, cancellationToken, countFailure)
            .ConfigureAwait(false);
        return response.ToTaskResponse(externalTaskId, operation);
    }

    /// <summary>The absolute address of <paramref name="route"/> (relative to the base address).</summary>
    public Uri Resolve(string route) => new(_baseAddress, route);

    /// <summary>
    /// Sends one request once; the caller owns retries. Everything from sending to the last byte read is under
    /// <paramref name="cancellationToken"/>. <paramref name="createContent"/> makes the body (it is called again, once,
    /// only when the service refused a signed token as expired or not yet valid: that refusal comes before any work, so
    /// the same body is sent once more with a fresh token).
    /// </summary>
    public ValueTask<T> SendOnceAsync<T>(
        HttpMethod method, Uri requestUri, Func<HttpContent?>? createContent, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class, IKlingEnvelope =>
        SendOnceAsync(method, requestUri, createContent is null ? null : static create => ((Func<HttpContent?>)create!)(), createContent, typeInfo, operation, cancellationToken);

    /// <summary>
    /// As <see cref="SendOnceAsync{T}(HttpMethod, Uri, Func{HttpContent?}?, JsonTypeInfo{T}, string, CancellationToken)"/>,
    /// the body made by a static <paramref name="createContent"/> from <paramref name="contentState"/> (no delegate per call).
    /// </summary>
    public async ValueTask<T> SendOnceAsync<T>(
        HttpMethod method, Uri requestUri, Func<object?, HttpContent?>? createContent, object? contentState, JsonTypeInfo<T> typeInfo, string operation,
        CancellationToken cancellationToken)
        where T : class, IKlingEnvelope
    {
        var credential = CurrentCredential();
        CheckKey(credential);
        var key = credential.Current();
        var renewed = false;

        // One method, not one per step: every API call passes here, and each awaited layer costs a create time.
        while (true)
        {
            using var request = new HttpRequestMessage(method, requestUri) { Content = createContent?.Invoke(contentState) };
            request.Headers.TryAddWithoutValidation("Authorization", key.HeaderValue);
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

                try
                {
                    return await key.Reader.ReadAsync(response, typeInfo, operation, cancellationToken).ConfigureAwait(false);
                }
                catch (KlingApiException ex) when (ex.Code is 1003 or 1004 && !renewed && credential.Renew(key))
                {
                    // A signed token refused as expired or not yet valid: that refusal comes before any work, so the same
                    // body is sent once more with a fresh token.
                    KlingLog.TokenRenewed(Telemetry.Logger, ex.Code.Value);
                    key = credential.Current();
                    renewed = true;
                }
            }
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

    /// <summary>Fails before anything is sent when there is no usable key.</summary>
    public void CheckKey() => CheckKey(CurrentCredential());

    /// <summary>The credentials to send with now: asked of the provider, if any; what is derived from them is kept until they change.</summary>
    private KlingCredential CurrentCredential()
    {
        var credential = _credential;
        if (_credentialsProvider is null)
        {
            return credential;
        }

        var settings = _credentialsProvider();
        if (settings.Equals(credential.Settings))
        {
            return credential;
        }

        // Two requests may build this at once after a rotation: both are equal, either may stay.
        credential = KlingCredential.From(settings, _timeProvider);
        _credential = credential;
        return credential;
    }

    private static void CheckKey(KlingCredential credential)
    {
        if (credential.Problem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
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
