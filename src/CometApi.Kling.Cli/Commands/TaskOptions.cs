using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// The options of one create command, in help order. The options that several kinds share (prompt, negative prompt,
/// model, mode, duration, aspect ratio, cfg scale, callback URL, external id) are declared here once each: flag, help,
/// parsing, and, given by the kind, which request property takes the value; <see cref="Apply"/> is the one place that
/// sets them. A kind adds its own options with <see cref="Add"/> and reads them into its request itself.
/// </summary>
/// <typeparam name="TRequest">What the kind's options make: its request, or a plan that holds it.</typeparam>
internal sealed class TaskOptions<TRequest>
{
    private readonly List<Option> _options = [];
    private readonly List<Action<ParseResult, TRequest>> _appliers = [];

    /// <summary>Every option, common and the kind's own, in the order help lists them.</summary>
    public IReadOnlyList<Option> All => _options;

    /// <summary>Adds the kind's own options, in help order (the kind's request reader reads them).</summary>
    public TaskOptions<TRequest> Add(params Option[] options)
    {
        _options.AddRange(options);
        return this;
    }

    /// <summary><c>--prompt</c>; each kind says what its prompt is, its length limit, and whether it is required.</summary>
    public TaskOptions<TRequest> Prompt(string description, Action<TRequest, string?> set, bool required = false) =>
        Common(new Option<string?>("--prompt") { Description = description, Required = required }, set);

    /// <summary><c>--negative-prompt</c>.</summary>
    public TaskOptions<TRequest> NegativePrompt(Action<TRequest, string?> set, string description = "What to avoid (up to 200 characters).") =>
        Common(new Option<string?>("--negative-prompt") { Description = description }, set);

    /// <summary><c>--model</c>, the <c>model_name</c>.</summary>
    public TaskOptions<TRequest> Model(Action<TRequest, KlingModel?> set, string description = "model_name, e.g. kling-v2-master (default: the service's).") =>
        Common(new Option<string?>("--model") { Description = description }, set, name => new KlingModel(name));

    /// <summary><c>--mode</c>.</summary>
    public TaskOptions<TRequest> Mode(Action<TRequest, KlingMode?> set) =>
        Common(new Option<string?>("--mode") { Description = "std or pro; 4k with --model kling-v3 (text/image to video) or kling-v3-omni (omni video)." }, set, name => new KlingMode(name));

    /// <summary><c>--duration</c> of a video, in whole seconds (a string on the wire).</summary>
    public TaskOptions<TRequest> Duration(Action<TRequest, KlingDuration?> set, string description = "Video length in seconds: 5 or 10.") =>
        Common(new Option<string?>("--duration") { Description = description }, set, seconds => new KlingDuration(seconds));

    /// <summary><c>--aspect-ratio</c>; each kind lists the ratios it takes.</summary>
    public TaskOptions<TRequest> AspectRatio(string description, Action<TRequest, KlingAspectRatio?> set) =>
        Common(new Option<string?>("--aspect-ratio") { Description = description }, set, ratio => new KlingAspectRatio(ratio));

    /// <summary><c>--cfg-scale</c>.</summary>
    public TaskOptions<TRequest> CfgScale(Action<TRequest, double?> set, string description = "Prompt adherence, 0 to 1 (not supported by kling-v2.x models).") =>
        Common(new Option<double?>("--cfg-scale") { Description = description }, set);

    /// <summary><c>--callback-url</c>: a usage error (exit 2, nothing sent) when it is not an absolute URL.</summary>
    public TaskOptions<TRequest> CallbackUrl(Action<TRequest, Uri?> set)
    {
        var option = new Option<string?>("--callback-url") { Description = "An http(s) URL the service POSTs each status change to." };
        return Register(option, (parse, request) => set(request, parse.GetValue(option) is { } value ? ReadCallbackUrl(value) : null));
    }

    /// <summary><c>--external-id</c>.</summary>
    public TaskOptions<TRequest> ExternalId(Action<TRequest, string?> set) =>
        Common(new Option<string?>("--external-id") { Description = "Your own id for the task (unique per key): lets you find it again." }, set);

    /// <summary>Sets every common option given on the command line (in help order) on what the kind read.</summary>
    public void Apply(ParseResult parse, TRequest request)
    {
        foreach (var apply in _appliers)
        {
            apply(parse, request);
        }
    }

    private static Uri ReadCallbackUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
            ? url
            : throw new KlingCliUsageException($"--callback-url '{value}' is not an absolute URL (e.g. https://example.com/kling/callback).");

    private TaskOptions<TRequest> Common<T>(Option<T> option, Action<TRequest, T> set) =>
        Register(option, (parse, request) => set(request, parse.GetValue(option)!));

    /// <summary>An option given as text and sent as <typeparamref name="T"/>; left out, the property stays unset.</summary>
    private TaskOptions<TRequest> Common<T>(Option<string?> option, Action<TRequest, T?> set, Func<string, T> convert)
        where T : struct =>
        Register(option, (parse, request) => set(request, parse.GetValue(option) is { } value ? convert(value) : null));

    private TaskOptions<TRequest> Register(Option option, Action<ParseResult, TRequest> apply)
    {
        _options.Add(option);
        _appliers.Add(apply);
        return this;
    }
}
