using System.Diagnostics.CodeAnalysis;
using CometApi.Kling;
using CometApi.Kling.Extensions.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Kling image generation as the application's <see cref="IImageGenerator"/>.</summary>
[Experimental(KlingImageGenerator.DiagnosticId)]
public static class KlingImageGeneratorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IImageGenerator"/> (a singleton) as Kling image generation (see
    /// <see cref="KlingImageGeneratorExtensions.AsIImageGenerator"/>) over the
    /// <see cref="KlingClient"/> registered by <c>AddKlingClient(...)</c>, which must be called too. Its
    /// <see cref="ImageGeneratorMetadata.ProviderUri"/> is that client's <see cref="KlingClientOptions.BaseAddress"/> (or its host's address).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the generator's options (default model, response format, wait schedule); optional.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// For a named client (<c>AddKlingClient("tenant-a", ...)</c>) register the generator yourself:
    /// <c>services.AddKeyedSingleton&lt;IImageGenerator&gt;("tenant-a", (provider, key) =&gt; provider.GetRequiredKeyedService&lt;KlingClient&gt;(key).AsIImageGenerator())</c>.
    /// </remarks>
    public static IServiceCollection AddKlingImageGenerator(this IServiceCollection services, Action<KlingImageGeneratorOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        return services.AddSingleton<IImageGenerator>(provider =>
        {
            var options = new KlingImageGeneratorOptions
            {
                ProviderUri = provider.GetService<IOptionsMonitor<KlingClientOptions>>()?.Get(Options.Options.DefaultName) is { } clientOptions
                    ? clientOptions.BaseAddress ?? (clientOptions.Host == KlingHost.Official ? KlingClientOptions.OfficialBaseAddress : KlingClientOptions.DefaultBaseAddress)
                    : null,
            };
            configure?.Invoke(options);
            return new KlingImageGenerator(provider.GetRequiredService<KlingClient>(), options);
        });
    }
}
