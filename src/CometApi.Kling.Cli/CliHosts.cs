using System.CommandLine;

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

    /// <summary>
    /// The global <c>--host</c>: which API the commands talk to, and which one <c>kling emulator</c> and the built-in
    /// emulator copy. Case does not matter; an unknown name is a usage error that lists the known ones.
    /// </summary>
    public static Option<KlingHost?> CreateOption() => new("--host")
    {
        Description = "Which API: cometapi (the default; routes under kling/v1/) or official (Kling's own, https://api-singapore.klingai.com/, routes under v1/, API keys or access-key tokens).",
        HelpName = "cometapi|official",
        Recursive = true,
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
            if (string.Equals(value, "cometapi", StringComparison.OrdinalIgnoreCase))
            {
                return KlingHost.CometApi;
            }

            if (string.Equals(value, "official", StringComparison.OrdinalIgnoreCase))
            {
                return KlingHost.Official;
            }

            result.AddError($"--host '{value}' is not a known host; use cometapi or official.");
            return null;
        },
    };

    /// <summary>The <c>--host</c> argument to repeat in a printed follow-up command.</summary>
    public static string Argument(KlingHost host) => host == KlingHost.Official ? " --host official" : string.Empty;
}
