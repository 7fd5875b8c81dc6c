/// <summary>
/// The QuickStart's command line. Strict on purpose: with COMETAPI_KEY set every run is a paid task, so an unknown
/// argument (a typo such as <c>--imag</c>) or an option without its value is an error, never a run with the defaults.
/// </summary>
internal sealed class QuickStartOptions
{
    /// <summary>What <c>--help</c> prints (and what follows every command line error).</summary>
    public const string Usage = """
        Usage: dotnet run --project samples/QuickStart [-- <options>]

        Turns an image (or, with --text, a prompt alone) into a video and saves the MP4. Without COMETAPI_KEY it
        uses the built-in Kling emulator (no network, no cost, the video is a test pattern); with COMETAPI_KEY it
        creates a real (paid) task on CometAPI, or on the server given by --base-address or KLING_BASE_ADDRESS.

        Options:
          --image <path|url>     The first frame: a JPEG/PNG file or an http(s) URL (default: the bundled sample image).
          --text                 Text to video: no image, the video comes from the prompt alone (not with --image).
          --prompt <text>        What should happen in the video (default: a slow camera push-in; with --text, a
                                 paper boat on a rainy street).
          --output <folder>      Where to save <task-id>.mp4 (default: output).
          --base-address <url>   Another Kling-compatible server, used with COMETAPI_KEY
                                 (default: KLING_BASE_ADDRESS, else https://api.cometapi.com/).
          -h, --help             Show this help; nothing is sent.
        """;

    private static readonly string[] ValueOptions = ["--image", "--prompt", "--output", "--base-address"];

    private static readonly string[] FlagOptions = ["--text"];

    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private QuickStartOptions()
    {
    }

    public bool Help { get; private set; }

    /// <summary>Text to video (<c>--text</c>): the prompt alone, no image.</summary>
    public bool Text => _flags.Contains("--text");

    public string? Image => Value("--image");

    public string? Prompt => Value("--prompt");

    public string? Output => Value("--output");

    public string? BaseAddress => Value("--base-address");

    /// <summary>Reads the arguments; <paramref name="error"/> says what is wrong with them, if anything.</summary>
    /// <returns>The options; <see cref="Help"/> is set when help was asked for, even beside an error (help wins: it sends nothing).</returns>
    public static QuickStartOptions Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new QuickStartOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                options.Help = true;
                continue;
            }

            if (FlagOptions.Contains(arg, StringComparer.Ordinal))
            {
                if (!options._flags.Add(arg))
                {
                    error ??= $"{arg} is given more than once.";
                }

                continue;
            }

            // Both "--image x.png" and "--image=x.png".
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals > 0 ? arg[..equals] : arg;
            if (!ValueOptions.Contains(name, StringComparer.Ordinal))
            {
                error ??= arg.StartsWith('-')
                    ? $"unknown option '{arg}'."
                    : $"unexpected argument '{arg}' (values follow their option, e.g. --image {arg}).";
                continue;
            }

            string? value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                // "--image --prompt x" would otherwise send "--prompt" as the image path.
                value = null;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                error ??= $"{name} needs a value.";
            }
            else if (!options._values.TryAdd(name, value))
            {
                error ??= $"{name} is given more than once.";
            }
        }

        if (options.Text && options.Image is not null)
        {
            error ??= "--text makes a video from the prompt alone; it cannot be used with --image.";
        }

        return options;
    }

    private string? Value(string name) => _values.GetValueOrDefault(name);
}
