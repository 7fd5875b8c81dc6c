namespace CometApi.Kling.Http;

/// <summary>
/// What differs between the hosts a client can talk to, resolved once from <see cref="KlingClientOptions"/>: the
/// address, the path the Kling routes start at, and how a task is looked up by its external id. Everything else
/// (kinds, waiting, downloads, callbacks) is the same on every host.
/// </summary>
internal sealed class KlingHostProfile
{
    private KlingHostProfile(KlingHost host, Uri baseAddress, string routePrefix)
    {
        Host = host;
        BaseAddress = baseAddress;
        RoutePrefix = routePrefix;
    }

    public KlingHost Host { get; }

    /// <summary>The absolute base address, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The path the routes start at, relative to <see cref="BaseAddress"/>: empty or ending in a slash.</summary>
    public string RoutePrefix { get; }

    /// <summary>
    /// Whether an external id is looked up as the query route's path parameter first: Kling's page lists
    /// <c>external_task_id</c> among the path parameters of <c>GET /v1/&lt;route&gt;/{id}</c>. CometAPI documents no
    /// lookup, so there the query-string form third-party clients use is the only one tried.
    /// </summary>
    public bool ExternalIdInPath => Host == KlingHost.Official;

    /// <summary>The host's default address.</summary>
    public static Uri DefaultBaseAddress(KlingHost host) =>
        host == KlingHost.Official ? KlingClientOptions.OfficialBaseAddress : KlingClientOptions.DefaultBaseAddress;

    /// <summary>The host's default route prefix.</summary>
    public static string DefaultRoutePrefix(KlingHost host) => host == KlingHost.Official ? "v1/" : "kling/v1/";

    /// <summary>The profile of checked options (<see cref="Validation.KlingClientOptionsValidator"/>).</summary>
    public static KlingHostProfile From(KlingClientOptions options)
    {
        var baseAddress = options.BaseAddress ?? DefaultBaseAddress(options.Host);
        if (!baseAddress.AbsolutePath.EndsWith("/", StringComparison.Ordinal))
        {
            baseAddress = new Uri(baseAddress.AbsoluteUri + "/");
        }

        return new KlingHostProfile(options.Host, baseAddress, NormalizePrefix(options.RoutePrefix ?? DefaultRoutePrefix(options.Host)));
    }

    private static string NormalizePrefix(string prefix)
    {
        // "/v1", "v1/" and "v1" all mean the same: routes are resolved relative to the base address, under this path.
        prefix = prefix.Trim('/');
        return prefix.Length == 0 ? string.Empty : prefix + "/";
    }
}
