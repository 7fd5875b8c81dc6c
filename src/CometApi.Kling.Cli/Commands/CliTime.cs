using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// Times given on the command line (seconds or milliseconds, as the options say) as the requests' <see cref="TimeSpan"/>
/// values, with a usage error (exit 2, nothing sent) for a number a <see cref="TimeSpan"/> cannot hold.
/// </summary>
internal static class CliTime
{
    private const long MaxMilliseconds = long.MaxValue / TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// A number of seconds as the request's <see cref="TimeSpan"/>, to the nearest tick (so 7.3 is exactly 7.3 s), or a
    /// usage error when it is not a finite number a <see cref="TimeSpan"/> can hold.
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
}
