using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.DependencyInjection;

/// <summary>Hands out the one client of each registration (a keyed singleton), resolved from the root provider.</summary>
internal sealed class KlingClientFactory(IServiceProvider services, KlingClientRegistrations registrations) : IKlingClientFactory
{
    public KlingClient CreateClient(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (!registrations.Contains(name))
        {
            var names = registrations.Names;
            var registered = names.Count == 0
                ? "none"
                : string.Join(", ", names.Select(registeredName => registeredName.Length == 0 ? "the unnamed one (\"\")" : $"'{registeredName}'"));
            throw new InvalidOperationException(
                $"No Kling client is registered under the name '{name}' (names are case-sensitive); register it with services.AddKlingClient(\"{name}\", ...). Registered: {registered}.");
        }

        return services.GetRequiredKeyedService<KlingClientEntry>(name).Client;
    }
}
