using CometApi.Kling;
using CometApi.Kling.DependencyInjection;
using CometApi.Kling.Http;
using CometApi.Kling.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="KlingClient"/> with dependency injection: one client per registration, shared by the whole
/// application (so <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> is one limit), sending through the handler
/// pipeline of <see cref="IHttpClientFactory"/>.
/// </summary>
/// <remarks>
/// The API key is read live: a key changed in the options (a configuration reload) is used by the next request. The
/// other settings (base address, resilience, limits, clock, logging) are read once, when the client is first resolved,
/// and need a restart to change.
/// </remarks>
public static class KlingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KlingClient"/> (a singleton) with options set in code; the options are validated when the
    /// host starts. The key defaults to the <c>COMETAPI_KEY</c> environment variable.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>options =&gt; options.ApiKey = "..."</c>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/> (named <c>KlingClient</c>), to add handlers or configure the primary handler.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddKlingClient(this IServiceCollection services, Action<KlingClientOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<KlingClientOptions>().Configure(configure);
        return AddCore(services, Options.Options.DefaultName);
    }

    /// <summary>
    /// Registers <see cref="KlingClient"/> (a singleton) with options bound from configuration (<c>ApiKey</c>,
    /// <c>BaseAddress</c>, ...); the options are validated when the host starts. The key defaults to the
    /// <c>COMETAPI_KEY</c> environment variable.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind, e.g. <c>configuration.GetSection("Kling")</c>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/> (named <c>KlingClient</c>), to add handlers or configure the primary handler.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddKlingClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        services.AddOptions<KlingClientOptions>().Bind(configuration);
        return AddCore(services, Options.Options.DefaultName);
    }

    /// <summary>
    /// Registers a named <see cref="KlingClient"/> (a keyed singleton, e.g. one per tenant) with options set in code:
    /// inject it with <c>[FromKeyedServices("tenant-a")] KlingClient</c>, or get it from <see cref="IKlingClientFactory"/>.
    /// Its options are the named options <paramref name="name"/>, validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name: the service key, the options name and (prefixed <c>KlingClient:</c>) the <see cref="HttpClient"/> name.</param>
    /// <param name="configure">Sets the options; <see cref="KlingClientOptions.ApiKey"/> must be set here (or by another configure action for this name).</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/> (named <c>KlingClient:</c><paramref name="name"/>), to add handlers or configure the primary handler.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank (use the overload without a name).</exception>
    /// <remarks>
    /// A named client never falls back to the <c>COMETAPI_KEY</c> environment variable: without a key of its own, the
    /// host fails to start with a message naming the registration and the setting.
    /// </remarks>
    public static IHttpClientBuilder AddKlingClient(this IServiceCollection services, string name, Action<KlingClientOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        CheckName(name);
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<KlingClientOptions>(name).Configure(configure);
        return AddCore(services, name);
    }

    /// <summary>
    /// Registers a named <see cref="KlingClient"/> (a keyed singleton, e.g. one per tenant) with options bound from
    /// configuration: inject it with <c>[FromKeyedServices("tenant-a")] KlingClient</c>, or get it from
    /// <see cref="IKlingClientFactory"/>. Its options are the named options <paramref name="name"/>, validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name: the service key, the options name and (prefixed <c>KlingClient:</c>) the <see cref="HttpClient"/> name.</param>
    /// <param name="configuration">The section to bind, e.g. <c>configuration.GetSection("Kling:Tenants:tenant-a")</c>; it must hold an <c>ApiKey</c>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/> (named <c>KlingClient:</c><paramref name="name"/>), to add handlers or configure the primary handler.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank (use the overload without a name).</exception>
    /// <remarks>
    /// A named client never falls back to the <c>COMETAPI_KEY</c> environment variable: without a key of its own, the
    /// host fails to start with a message naming the registration and the setting.
    /// </remarks>
    public static IHttpClientBuilder AddKlingClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        CheckName(name);
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        services.AddOptions<KlingClientOptions>(name).Bind(configuration);
        return AddCore(services, name);
    }

    private static void CheckName(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A Kling client registration name must not be empty or blank; register the default client with AddKlingClient(options) or AddKlingClient(configuration).", nameof(name));
        }
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        var httpClientName = name.Length == 0 ? nameof(KlingClient) : $"{nameof(KlingClient)}:{name}";
        var registrations = KlingClientRegistrations.GetOrAdd(services);
        if (!registrations.Add(name))
        {
            // Registered before: the options' configure actions add up, the client and its handlers are there already.
            return services.AddHttpClient(httpClientName);
        }

        services.AddOptions<KlingClientOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlingClientOptions>, KlingClientOptionsValidator>());
        services.TryAddSingleton<IKlingClientFactory>(provider => new KlingClientFactory(provider, registrations));

        // One client per registration, made on first resolve and shared: its retry pipelines and its MaxConcurrentTasks
        // slots hold for the application, not per injection. The entry owns the HttpClient and the options subscription.
        services.AddKeyedSingleton(name, (provider, _) => new KlingClientEntry(provider, name, httpClientName));
        if (name.Length == 0)
        {
            services.TryAddSingleton(static provider => provider.GetRequiredKeyedService<KlingClientEntry>(Options.Options.DefaultName).Client);
        }
        else
        {
            services.TryAddKeyedSingleton(name, static (provider, key) => provider.GetRequiredKeyedService<KlingClientEntry>(key).Client);
        }

        var builder = services.AddHttpClient(httpClientName);

        // The client's own pipeline owns every timeout (KlingClientOptions.Resilience): HttpClient.Timeout must not cut
        // a slow create upload short or override the attempt timeout (dotnet/extensions#4770).
        builder.ConfigureHttpClient(static httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan);

        // API calls never follow redirects, so the key and the request body cannot be carried to another host; video
        // downloads (no key) still follow them (docs/security.md). A primary handler set later replaces this one: the
        // client then refuses any API response that arrived through a redirect.
        builder.ConfigurePrimaryHttpMessageHandler(static (handler, _) => KlingHttpHandlers.DisableAutoRedirect(handler));
        builder.AddHttpMessageHandler(static () => new KlingDownloadRedirectHandler());
        return builder;
    }
}
