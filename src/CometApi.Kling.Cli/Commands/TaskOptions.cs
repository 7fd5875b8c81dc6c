using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// Options that several kinds' requests share (same flag, same help, same parsing), so each kind's command lists the
/// ones its request has and reads them alike. Kind-specific options stay in the kind's command.
/// </summary>
internal static class TaskOptions
{
    private const long MaxMilliseconds = long.MaxValue / TimeSpan.TicksPerMillisecond;

    public static Option<string?> NegativePrompt() => new("--negative-prompt") { Description = "What to avoid (up to 200 characters)." };

    public static Option<string?> Model() => new("--model") { Description = "model_name, e.g. kling-v2-master (default: the service's)." };

    public static Option<string?> Mode() => new("--mode") { Description = "std or pro; 4k with --model kling-v3 (text/image to video) or kling-v3-omni (omni video)." };

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

    /// <summary>
    /// A number of seconds as the request's <see cref="TimeSpan"/>, to the nearest tick (so 7.3 is exactly 7.3 s), or a
    /// usage error (exit 2, nothing sent) when it is not a finite number a <see cref="TimeSpan"/> can hold.
    /// </summary>
    public static TimeSpan? ReadSeconds(ParseResult parse, Option<double?> option)
    {
        if (parse.GetValue(option) is not { } seconds)
        {
            return null;
        }

        return double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : throw new KlingCliUsageException($"{option.Name} must be a finite number of seconds (e.g. 5 or 7.5).");
    }

    /// <summary>
    /// Milliseconds given on the command line (or worked out from them) as the request's <see cref="TimeSpan"/>, or a
    /// usage error naming <paramref name="optionName"/> when they are beyond what a <see cref="TimeSpan"/> holds.
    /// </summary>
    public static TimeSpan Milliseconds(long milliseconds, string optionName) =>
        milliseconds is >= -MaxMilliseconds and <= MaxMilliseconds
            ? TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond)
            : throw new KlingCliUsageException(FormattableString.Invariant($"{optionName} {milliseconds} is out of range (milliseconds)."));

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
