using CometApi.Kling;
using CometApi.Kling.Http;
using CometApi.Kling.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="KlingClient"/> with dependency injection, as a typed <see cref="HttpClient"/> client.</summary>
public static class KlingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="KlingClient"/> with options set in code; the options are validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>options =&gt; options.ApiKey = "..."</c>.</param>
    /// <returns>The HTTP client builder, to add handlers or configure the primary handler.</returns>
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
        return AddCore(services);
    }

    /// <summary>Registers <see cref="KlingClient"/> with options bound from configuration (<c>ApiKey</c>, <c>BaseAddress</c>, ...).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind, e.g. <c>configuration.GetSection("Kling")</c>.</param>
    /// <returns>The HTTP client builder, to add handlers or configure the primary handler.</returns>
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
        return AddCore(services);
    }

    private static KlingClientOptions Copy(KlingClientOptions options, ILoggerFactory loggerFactory) => new()
    {
        ApiKey = options.ApiKey,
        BaseAddress = options.BaseAddress,
        TimeProvider = options.TimeProvider,
        ValidationLimits = options.ValidationLimits,
        Resilience = options.Resilience,
        AllowInsecureBaseAddress = options.AllowInsecureBaseAddress,
        LoggerFactory = loggerFactory,
    };

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<KlingClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlingClientOptions>, KlingClientOptionsValidator>());
        var builder = services.AddHttpClient(nameof(KlingClient));

        // The client's own pipeline owns every timeout (KlingClientOptions.Resilience): HttpClient.Timeout must not cut
        // a slow create upload short or override the attempt timeout (dotnet/extensions#4770).
        builder.ConfigureHttpClient(static httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan);

        // API calls never follow redirects, so the key and the request body cannot be carried to another host; video
        // downloads (no key) still follow them (docs/security.md). A primary handler set later replaces this one: the
        // client then refuses any API response that arrived through a redirect.
        builder.ConfigurePrimaryHttpMessageHandler(static (handler, _) => KlingHttpHandlers.DisableAutoRedirect(handler));
        builder.AddHttpMessageHandler(static () => new KlingDownloadRedirectHandler());
        builder.AddTypedClient(static (httpClient, provider) =>
        {
            var options = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value;
            if (options.LoggerFactory is null && provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                // The container's logging, without changing the shared options instance.
                options = Copy(options, loggerFactory);
            }

            return new KlingClient(httpClient, options);
        });
        return builder;
    }
}
