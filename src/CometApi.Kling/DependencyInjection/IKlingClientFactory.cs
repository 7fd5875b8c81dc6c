namespace CometApi.Kling;

/// <summary>
/// Gets the <see cref="KlingClient"/> of a registration by name, for when the name is known only at run time (e.g. one
/// registration per tenant: <c>services.AddKlingClient("tenant-a", ...)</c>). Registered by every <c>AddKlingClient</c>.
/// </summary>
/// <remarks>
/// Each registration has one client, made on first use and shared by the whole application: the factory returns that
/// same instance on every call, which is also the one injected as <c>[FromKeyedServices("tenant-a")] KlingClient</c>.
/// </remarks>
public interface IKlingClientFactory
{
    /// <summary>The client of the registration named <paramref name="name"/>; the same instance on every call.</summary>
    /// <param name="name">
    /// The name given to <c>AddKlingClient(name, ...)</c> (names are case-sensitive), or <see cref="string.Empty"/>
    /// (<c>Options.DefaultName</c>) for the registration made without a name.
    /// </param>
    /// <returns>The registration's client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No Kling client is registered under <paramref name="name"/> (the message lists the registered names).</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The registration's options are invalid (every problem is listed).</exception>
    KlingClient CreateClient(string name);
}
