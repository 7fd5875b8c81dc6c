namespace CometApi.Kling.Cli;

/// <summary>The hosts <c>--host</c> names, and the environment variables each reads its credentials from.</summary>
internal static class CliHosts
{
    /// <summary>The Kling API key's variable on Kling's own host (a CometAPI key is never sent there).</summary>
    public const string ApiKeyVariable = "KLING_API_KEY";

    /// <summary>The Kling access key's variable.</summary>
    public const string AccessKeyVariable = "KLING_ACCESS_KEY";

    /// <summary>The Kling secret key's variable.</summary>
    public const string SecretKeyVariable = "KLING_SECRET_KEY";

    /// <summary>The values <c>--host</c> accepts.</summary>
    public static readonly string[] Names = ["cometapi", "official"];

    /// <summary>The host of a <c>--host</c> value (already checked by the parser); none is CometAPI.</summary>
    public static KlingHost Parse(string? name) =>
        string.Equals(name, "official", StringComparison.OrdinalIgnoreCase) ? KlingHost.Official : KlingHost.CometApi;

    /// <summary>The <c>--host</c> argument to repeat in a printed follow-up command.</summary>
    public static string Argument(KlingHost host) => host == KlingHost.Official ? " --host official" : string.Empty;
}
