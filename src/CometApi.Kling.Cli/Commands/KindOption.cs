using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// <c>--kind</c> of <c>kling status</c> and <c>kling download</c>: a task id is looked up under one kind's route, so the
/// kind is named by its short name (<see cref="KlingTaskKind.Name"/>, parsed by <see cref="KlingTaskKind.TryParse"/>).
/// </summary>
internal static class KindOption
{
    /// <summary>The kind when <c>--kind</c> is not given: image to video, the CLI's first kind.</summary>
    public static KlingTaskKind Default => KlingTaskKind.ImageToVideo;

    /// <summary>The known kinds' short names, for help and errors.</summary>
    public static string KnownNames => string.Join(", ", KlingTaskKind.Known.Select(kind => kind.Name));

    public static Option<KlingTaskKind> Create() => new("--kind")
    {
        Description = $"The task's kind: {KnownNames} (default: {Default.Name}).",
        HelpName = "kind",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return Default;
            }

            var value = result.Tokens[^1].Value;
            if (KlingTaskKind.TryParse(value, out var kind))
            {
                return kind;
            }

            result.AddError($"--kind '{value}' is not a known kind; use one of: {KnownNames}.");
            return default;
        },
    };

    /// <summary>The kind <c>--kind</c> names, or <see cref="Default"/> without it (no default value factory: help would print the route).</summary>
    public static KlingTaskKind Read(ParseResult parse, Option<KlingTaskKind> option) =>
        parse.GetValue(option) is { IsUnspecified: false } kind ? kind : Default;

    /// <summary>
    /// <c> --kind &lt;name&gt;</c> to repeat in a printed command, or nothing for the default kind (and for a task whose
    /// kind is not known), so image-to-video hints read as before.
    /// </summary>
    public static string Arguments(KlingTaskKind kind) => kind.IsUnspecified || kind == Default ? string.Empty : $" --kind {kind.Name}";
}
