using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>--host</c> of <c>kling emulator</c>: which API the emulator copies, <c>cometapi</c> (default) or <c>official</c>.</summary>
internal static class EmulatorHostOption
{
    public static Option<KlingHost?> Create() => new("--host")
    {
        Description = "The API to emulate: cometapi (routes under /kling/v1/, the default) or official (Kling's own host: routes under /v1/, API keys and access-key JWTs).",
        HelpName = "cometapi|official",
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

    /// <summary>The host <c>--host</c> names, or CometAPI without it.</summary>
    public static KlingHost Read(ParseResult parse, Option<KlingHost?> option) => parse.GetValue(option) ?? KlingHost.CometApi;
}
