using System.CommandLine;
using CometApi.Kling.Cli.Commands;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli;

/// <summary>The <c>kling</c> command line: parses the arguments (System.CommandLine) and runs a command.</summary>
internal static class KlingCli
{
    /// <summary>Runs <c>kling</c> with the given arguments, writers and the process's environment variables.</summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new KlingCliEnvironment { Out = stdout, Error = stderr }, cancellationToken);

    /// <summary>Runs <c>kling</c>; <paramref name="cancellationToken"/> is Ctrl+C (a wait stops cleanly, exit code 130).</summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, KlingCliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Your CometAPI key (default: the COMETAPI_KEY environment variable); with --host official, your Kling API key (default: KLING_API_KEY).",
            Recursive = true,
        };
        var host = new Option<string?>("--host")
        {
            Description = "Which API: cometapi (the default; routes under kling/v1/) or official (Kling's own, https://api-singapore.klingai.com/, routes under v1/).",
            Recursive = true,
        };
        host.AcceptOnlyFromAmong(CliHosts.Names);
        var accessKey = new Option<string?>("--access-key")
        {
            Description = $"With --host official: your Kling access key, signed into short-lived tokens with --secret-key (default: {CliHosts.AccessKeyVariable}).",
            Recursive = true,
        };
        var secretKey = new Option<string?>("--secret-key")
        {
            Description = $"With --host official: the secret key of --access-key; it is never sent or printed (default: {CliHosts.SecretKeyVariable}).",
            Recursive = true,
        };
        var baseAddress = new Option<string?>("--base-address")
        {
            Description = "The API's address (default: https://api.cometapi.com/); e.g. the one `kling emulator` prints.",
            Recursive = true,
        };
        var emulator = new Option<bool>("--emulator") { Description = "Use the built-in emulator (also the default when there is no key).", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (the task, and the saved file) instead of text.", Recursive = true };

        CliSession OpenSession(ParseResult parse) => new(
            environment,
            new CliGlobalOptions(parse.GetValue(apiKey), parse.GetValue(baseAddress), parse.GetValue(emulator), parse.GetValue(json))
            {
                Host = CliHosts.Parse(parse.GetValue(host)),
                AccessKey = parse.GetValue(accessKey),
                SecretKey = parse.GetValue(secretKey),
            });

        // One line per kind: its command parses its own options into its request; TaskCommand does the rest.
        var root = new RootCommand("Kling through CometAPI or Kling's own API (--host official): video, image and audio tasks of every kind (one command each), and their status and files. Without a key, commands run against the built-in emulator.")
        {
            ImageToVideoCommand.Create(OpenSession),
            TextToVideoCommand.Create(OpenSession),
            MultiImageToVideoCommand.Create(OpenSession),
            VideoExtendCommand.Create(OpenSession),
            AvatarCommand.Create(OpenSession),
            EffectsCommand.Create(OpenSession),
            LipSyncCommand.Create(OpenSession),
            OmniVideoCommand.Create(OpenSession),
            ImageGenerationCommand.Create(OpenSession),
            VirtualTryOnCommand.Create(OpenSession),
            TextToAudioCommand.Create(OpenSession),
            VideoToAudioCommand.Create(OpenSession),
            StatusCommand.Create(OpenSession),
            DownloadCommand.Create(OpenSession),
            EmulatorCommand.Create(OpenSession),
        };
        root.Options.Add(apiKey);
        root.Options.Add(host);
        root.Options.Add(accessKey);
        root.Options.Add(secretKey);
        root.Options.Add(baseAddress);
        root.Options.Add(emulator);
        root.Options.Add(json);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors exit 2 (the convention of Unix tools), not System.CommandLine's default 1, which is kept
            // for failures of the service, so scripts can tell "fix the command" from "try again".
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("Run 'kling --help' (or 'kling <command> --help') for usage.").ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var message = string.Join(" ", parse.Errors.Select(error => error.Message));
                new CliConsole(environment, json: true).WriteJson(new CliResult { Error = new CliError { Kind = "usage", Message = message } });
            }

            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,

            // Ctrl+C is handled by the caller and arrives as cancellationToken; the parser must not install its own
            // handler (it would also fire inside test hosts).
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
