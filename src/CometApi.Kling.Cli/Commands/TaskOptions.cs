using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// Options that several kinds' requests share (same flag, same help, same parsing), so each kind's command lists the
/// ones its request has and reads them alike. Kind-specific options stay in the kind's command.
/// </summary>
internal static class TaskOptions
{
    public static Option<string?> NegativePrompt() => new("--negative-prompt") { Description = "What to avoid (up to 200 characters)." };

    public static Option<string?> Model() => new("--model") { Description = "model_name, e.g. kling-v2-master (default: the service's)." };

    public static Option<string?> Mode() => new("--mode") { Description = "std or pro." };

    public static Option<string?> Duration() => new("--duration") { Description = "Video length in seconds: 5 or 10." };

    public static Option<double?> CfgScale() => new("--cfg-scale") { Description = "Prompt adherence, 0 to 1 (not supported by kling-v2.x models)." };

    public static Option<string?> CallbackUrl() => new("--callback-url") { Description = "An http(s) URL the service POSTs each status change to." };

    public static Option<string?> ExternalId() => new("--external-id") { Description = "Your own id for the task (unique per key): lets you find it again." };

    public static KlingModel? ReadModel(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } name ? (KlingModel?)new KlingModel(name) : null;

    public static KlingMode? ReadMode(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } name ? (KlingMode?)new KlingMode(name) : null;

    public static KlingDuration? ReadDuration(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } seconds ? (KlingDuration?)new KlingDuration(seconds) : null;

    /// <summary>The callback URL, or a usage error (exit 2, nothing sent) when it is not an absolute URL.</summary>
    public static Uri? ReadCallbackUrl(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } value)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url)
            ? url
            : throw new KlingCliUsageException($"--callback-url '{value}' is not an absolute URL (e.g. https://example.com/kling/callback).");
    }
}
