using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using CometApi.Kling.Http;
using Microsoft.Extensions.Options;

namespace CometApi.Kling.DependencyInjection;

/// <summary>
/// The one <see cref="KlingClient"/> of a registration (a keyed singleton, key = the registration's name) and what it
/// owns: its <see cref="HttpClient"/> and its subscription to option changes, released when the container is disposed.
/// </summary>
/// <remarks>
/// What is read when the client is made (first resolve) and what is read live:
/// <list type="bullet">
/// <item><see cref="KlingClientOptions.ApiKey"/>, <see cref="KlingClientOptions.AccessKey"/> and <see cref="KlingClientOptions.SecretKey"/> are live: a changed key (configuration reload, <see cref="IOptionsMonitor{TOptions}"/>
/// change) is used from the next request on. A change that fails validation is not applied: the last valid key stays.</item>
/// <item>Everything else (base address, resilience, validation limits, clock, logging) is read once: the pipelines, the
/// <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> slots and the routes are built from it and cannot change
/// safely under requests in flight. Changing them needs a restart.</item>
/// </list>
/// </remarks>
internal sealed class KlingClientEntry : IDisposable
{
    private readonly object _gate = new();
    private readonly string _name;
    private readonly IDisposable? _subscription;
    private readonly HttpClient _httpClient;
    private volatile KlingCredentialSettings? _credentials;
    private bool _keyChanged;

    public KlingClientEntry(IServiceProvider services, string name, string httpClientName)
    {
        _name = name;
        var monitor = services.GetRequiredService<IOptionsMonitor<KlingClientOptions>>();

        // Subscribed before the first read, so that a rotation landing between the two is not lost.
        _subscription = monitor.OnChange(OnOptionsChanged);
        try
        {
            // Validated here (OptionsValidationException listing every problem) if ValidateOnStart has not run.
            var options = monitor.Get(name);
            lock (_gate)
            {
                if (!_keyChanged)
                {
                    _credentials = KlingCredentialSettings.From(options);
                }
            }

            if (options.LoggerFactory is null && services.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                // The container's logging, without changing the shared options instance.
                options = WithLoggerFactory(options, loggerFactory);
            }

            // One HttpClient for the life of the client, whose requests still go through the factory's handler
            // pipeline of this registration, fetched anew for every request (HttpClientFactoryHandler): handlers are
            // rotated every HandlerLifetime, so DNS changes are seen, and every handler added to the registration's
            // IHttpClientBuilder (the SDK's: no auto-redirect for API calls, KlingDownloadRedirectHandler for
            // downloads; the application's own) runs, on every target framework and with any primary handler. The
            // alternative, a SocketsHttpHandler with PooledConnectionLifetime, exists on .NET only and would bypass a
            // primary handler or handlers configured on the builder.
            _httpClient = new HttpClient(new HttpClientFactoryHandler(services.GetRequiredService<IHttpMessageHandlerFactory>(), httpClientName), disposeHandler: true);

            // What AddKlingClient and the application set with ConfigureHttpClient (the SDK: an infinite Timeout).
            foreach (var configure in services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(httpClientName).HttpClientActions)
            {
                configure(_httpClient);
            }

            Client = new KlingClient(_httpClient, options, () => _credentials!);
        }
        catch
        {
            _subscription?.Dispose();
            _httpClient?.Dispose();
            throw;
        }
    }

    public KlingClient Client { get; }

    public void Dispose()
    {
        _subscription?.Dispose();
        _httpClient.Dispose();
    }

    private static KlingClientOptions WithLoggerFactory(KlingClientOptions options, ILoggerFactory loggerFactory) => new()
    {
        Host = options.Host,
        ApiKey = options.ApiKey,
        AccessKey = options.AccessKey,
        SecretKey = options.SecretKey,
        BaseAddress = options.BaseAddress,
        RoutePrefix = options.RoutePrefix,
        TimeProvider = options.TimeProvider,
        ValidationLimits = options.ValidationLimits,
        Resilience = options.Resilience,
        AllowInsecureBaseAddress = options.AllowInsecureBaseAddress,
        LoggerFactory = loggerFactory,
    };

    /// <summary>Called with options that passed validation (an invalid change throws before listeners are told).</summary>
    private void OnOptionsChanged(KlingClientOptions options, string? name)
    {
        if (string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _credentials = KlingCredentialSettings.From(options);
                _keyChanged = true;
            }
        }
    }
}
