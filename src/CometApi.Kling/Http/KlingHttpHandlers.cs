namespace CometApi.Kling.Http;

/// <summary>
/// The handlers of the HttpClients the SDK makes itself (the shared default client and the one <c>AddKlingClient</c>
/// registers): the primary handler never follows redirects, so an API call answered with a 3xx is reported, not
/// carried (with its body and the key) to wherever the redirect points. Downloads, which carry no key, still follow
/// redirects through <see cref="KlingDownloadRedirectHandler"/>.
/// </summary>
internal static class KlingHttpHandlers
{
    /// <summary>The shared client's pipeline: download redirects followed by the SDK, API redirects never.</summary>
    public static HttpMessageHandler CreateDefault()
    {
#if NET
        var primary = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,

            // The client lives as long as the process: recycle connections so DNS changes are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
#else
        var primary = new HttpClientHandler { AllowAutoRedirect = false };
#endif
        return new KlingDownloadRedirectHandler { InnerHandler = primary };
    }

    /// <summary>Turns automatic redirects off on the standard handlers; other handlers are left as they are.</summary>
    public static void DisableAutoRedirect(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case HttpClientHandler httpClientHandler:
                httpClientHandler.AllowAutoRedirect = false;
                break;
#if NET
            case SocketsHttpHandler socketsHandler:
                socketsHandler.AllowAutoRedirect = false;
                break;
#endif
        }
    }
}
