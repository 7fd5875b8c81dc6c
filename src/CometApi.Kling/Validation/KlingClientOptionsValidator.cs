using Microsoft.Extensions.Options;

namespace CometApi.Kling.Validation;

/// <summary>
/// Checks <see cref="KlingClientOptions"/>, naming the setting that is wrong, and for a named registration
/// (<c>AddKlingClient("tenant-a", ...)</c>) the registration too. One shape for both users: DI (<c>ValidateOnStart</c>)
/// and the client's constructor, each listing every problem at once.
/// </summary>
internal sealed class KlingClientOptionsValidator : IValidateOptions<KlingClientOptions>
{
    public ValidateOptionsResult Validate(string? name, KlingClientOptions options)
    {
        var named = !string.IsNullOrEmpty(name);
        var failures = Problems(options, requireKey: true, named);
        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        // With several tenants, say which one: every message of a named registration starts with its name.
        return ValidateOptionsResult.Fail(named ? failures.Select(failure => $"Kling client '{name}': {failure}") : failures);
    }

    /// <summary>
    /// Every problem of <paramref name="options"/>, each naming its setting. The constructor passes
    /// <paramref name="requireKey"/> false: a client made in code reports a missing key at its first call, before sending.
    /// </summary>
    public static List<string> Problems(KlingClientOptions options, bool requireKey, bool named = false)
    {
        var failures = new List<string>();
        if (options.Host is not (KlingHost.CometApi or KlingHost.Official))
        {
            failures.Add($"KlingClientOptions.Host is {(int)options.Host}, which is not a host; use CometApi (the default) or Official, and BaseAddress + RoutePrefix for another Kling-compatible gateway.");
        }

        var hasAccessKey = !string.IsNullOrWhiteSpace(options.AccessKey);
        var hasSecretKey = !string.IsNullOrWhiteSpace(options.SecretKey);
        if (hasAccessKey != hasSecretKey)
        {
            failures.Add(hasAccessKey
                ? "KlingClientOptions.AccessKey is set but SecretKey is not: a Kling access key signs its tokens with its secret key, so set both (or neither, and use ApiKey)."
                : "KlingClientOptions.SecretKey is set but AccessKey is not: the token names the access key it belongs to, so set both (or neither, and use ApiKey).");
        }

        if (requireKey && !hasAccessKey && !hasSecretKey && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add(named
                ? "KlingClientOptions.ApiKey is not set: configure it for this registration (the \"ApiKey\" setting of its bound section, or its configure action), or AccessKey + SecretKey for Kling's own host. "
                    + $"A named Kling client never falls back to the {KlingClientOptions.ApiKeyEnvironmentVariable} environment variable."
                : $"KlingClientOptions.ApiKey is not set: configure it (e.g. the \"ApiKey\" setting of the bound section) or set the {KlingClientOptions.ApiKeyEnvironmentVariable} environment variable; on Kling's own host, AccessKey + SecretKey may be set instead.");
        }

        if (BaseAddressProblem(options.BaseAddress, options.AllowInsecureBaseAddress) is { } problem)
        {
            failures.Add(problem);
        }

        if (RoutePrefixProblem(options.RoutePrefix) is { } prefixProblem)
        {
            failures.Add(prefixProblem);
        }

        if (options.ValidationLimits is null)
        {
            failures.Add("KlingClientOptions.ValidationLimits is null; leave it at its default (the CometAPI limits) or set limits.");
        }
        else
        {
            failures.AddRange(options.ValidationLimits.Problems("KlingClientOptions.ValidationLimits"));
        }

        if (options.Resilience is null)
        {
            failures.Add("KlingClientOptions.Resilience is null; leave it at its default or set resilience options.");
        }
        else
        {
            failures.AddRange(options.Resilience.Problems("KlingClientOptions.Resilience"));
        }

        if (options.TimeProvider is null)
        {
            failures.Add("KlingClientOptions.TimeProvider is null; leave it at its default (TimeProvider.System) or set a clock.");
        }

        return failures;
    }

    /// <summary>Why a route prefix cannot be used, or <see langword="null"/> when it can (<see langword="null"/> is the host's).</summary>
    public static string? RoutePrefixProblem(string? routePrefix)
    {
        if (routePrefix is null)
        {
            return null;
        }

        var bad = routePrefix.IndexOfAny(['?', '#', '\\', ' ', ':']) >= 0
            || routePrefix.Split('/').Any(segment => segment is "." or "..")
            || routePrefix.Any(c => c is < '!' or > '~');
        return bad
            ? $"KlingClientOptions.RoutePrefix must be a plain relative path such as \"kling/v1/\" or \"v1/\" (no scheme, query, '..' or spaces), got '{routePrefix}'."
            : null;
    }

    /// <summary>Why a base address cannot be used, or <see langword="null"/> when it can.</summary>
    public static string? BaseAddressProblem(Uri? baseAddress, bool allowInsecure) => baseAddress switch
    {
        null => null,
        { IsAbsoluteUri: false } => $"KlingClientOptions.BaseAddress must be an absolute URL such as https://api.cometapi.com/, got '{baseAddress.OriginalString}'.",
        _ when baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp =>
            $"KlingClientOptions.BaseAddress must use http or https, got '{baseAddress.Scheme}'.",
        _ when baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback && !allowInsecure =>
            $"KlingClientOptions.BaseAddress must use https (the API key would cross the network in clear text), got '{baseAddress}'. "
            + "Plain http is allowed for loopback addresses (localhost, 127.0.0.1, ::1), or set KlingClientOptions.AllowInsecureBaseAddress = true.",
        _ when !string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment) =>
            $"KlingClientOptions.BaseAddress must not have a query or fragment, got '{baseAddress}'.",
        _ => null,
    };
}
