namespace CometApi.Kling.Http;

/// <summary>
/// Follows redirects for requests that carry no credentials and no body (video downloads: signed CDN links may
/// redirect) and for nothing else. An API call (it carries <c>Authorization</c>) gets its 3xx back as it is, so the
/// SDK reports it instead of sending the key or the request body to another host. A redirect from https to http is not
/// followed either.
/// </summary>
internal sealed class KlingDownloadRedirectHandler : DelegatingHandler
{
    /// <summary>More hops than any CDN uses; a loop ends here with the last 3xx as the answer.</summary>
    internal const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!MayFollow(request))
        {
            return response;
        }

        var current = request;
        for (var hop = 0; hop < MaxRedirects && Target(current, response) is { } target; hop++)
        {
            response.Dispose();

            // Only headers the caller set travel on (a download sets none that are secret: MayFollow checked that).
            var next = new HttpRequestMessage(current.Method, target) { Version = current.Version };
            foreach (var header in current.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (!ReferenceEquals(current, request))
            {
                current.Dispose();
            }

            current = next;
            response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static bool MayFollow(HttpRequestMessage request) =>
        request.Headers.Authorization is null
        && !request.Headers.Contains("Cookie")
        && request.Content is null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);

    private static Uri? Target(HttpRequestMessage request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || request.RequestUri is not { } from)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            // No downgrade: the same rule as .NET's own redirect handling.
            return null;
        }

        // A fragment on the original applies to the target too (RFC 9110 10.2.2), but fragments are never sent anyway.
        return target;
    }
}
