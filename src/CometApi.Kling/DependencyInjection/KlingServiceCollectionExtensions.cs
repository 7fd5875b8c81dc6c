using CometApi.Kling;
using CometApi.Kling.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<KlingClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlingClientOptions>, KlingClientOptionsValidator>());
        var builder = services.AddHttpClient(nameof(KlingClient));
        builder.AddTypedClient(
            static (httpClient, provider) => new KlingClient(httpClient, provider.GetRequiredService<IOptions<KlingClientOptions>>().Value));
        return builder;
    }
}
