using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CometApi.Kling.DependencyInjection;

/// <summary>
/// The names of the Kling clients registered in one service collection (<see cref="Options.DefaultName"/> for the one
/// registered without a name), shared by the registrations, the factory and the named options' defaults.
/// </summary>
internal sealed class KlingClientRegistrations
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted (for messages).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_names)
            {
                return _names.OrderBy(name => name, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The instance of <paramref name="services"/>, added on first use with the named clients' option defaults.</summary>
    public static KlingClientRegistrations GetOrAdd(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(KlingClientRegistrations) && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is KlingClientRegistrations existing)
            {
                return existing;
            }
        }

        var registrations = new KlingClientRegistrations();
        services.Add(ServiceDescriptor.Singleton(registrations));

        // First of all the configure actions of KlingClientOptions, whenever it is registered: a configure action or a
        // Configure<KlingClientOptions>("tenant-a", ...) registered before AddKlingClient still sets the key after it.
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<KlingClientOptions>>(new NamedClientDefaults(registrations)));
        return registrations;
    }

    /// <summary>Adds <paramref name="name"/>; <see langword="false"/> when it was registered already.</summary>
    public bool Add(string name)
    {
        lock (_names)
        {
            return _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }

    /// <summary>
    /// A named client starts without a key: <see cref="KlingClientOptions.ApiKey"/> defaults to the <c>COMETAPI_KEY</c>
    /// environment variable, and a tenant whose key is missing must fail validation, not send with another account's key.
    /// </summary>
    private sealed class NamedClientDefaults(KlingClientRegistrations registrations) : IConfigureNamedOptions<KlingClientOptions>
    {
        public void Configure(string? name, KlingClientOptions options)
        {
            if (!string.IsNullOrEmpty(name) && registrations.Contains(name!))
            {
                options.ApiKey = null;
            }
        }

        public void Configure(KlingClientOptions options) => Configure(Options.DefaultName, options);
    }
}
