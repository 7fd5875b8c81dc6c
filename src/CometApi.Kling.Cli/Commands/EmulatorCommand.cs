using System.CommandLine;
using CometApi.Kling.Cli.Output;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling emulator [--port]</c>: serve the Kling emulator on loopback until Ctrl+C, so tasks outlive single commands.</summary>
internal static class EmulatorCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on (0: any free port).", DefaultValueFactory = _ => 0 };
        var command = new Command("emulator", "Run the Kling emulator on 127.0.0.1 until Ctrl+C (for other commands, tools and tests).") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            var options = session.EmulatorOptions();
            var apiKey = options.AcceptAnyApiKey ? KlingEmulator.DefaultApiKey : options.ApiKeys.FirstOrDefault() ?? KlingEmulator.DefaultApiKey;
            KlingEmulatorServer server;
            try
            {
                server = await KlingEmulator.StartServerAsync(options, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (CliSession.Handles(ex, cancellationToken))
            {
                return session.Fail(ex, task: null, cancellationToken);
            }

            await using (server.ConfigureAwait(false))
            {
                if (session.Console.Json)
                {
                    session.Console.WriteJson(new CliEmulatorInfo(server.BaseAddress, apiKey));
                }
                else
                {
                    session.Console.Info($"Kling emulator listening on {server.BaseAddress}");
                    session.Console.Info($"API key: {apiKey}");
                    session.Console.Info($"Try: kling image2video --image photo.png --prompt \"...\" --base-address {server.BaseAddress} --api-key {apiKey}");
                    session.Console.Info($" or: kling text2video --prompt \"...\" --base-address {server.BaseAddress} --api-key {apiKey}");
                    session.Console.Out.Flush();
                }

                session.Console.Note("Press Ctrl+C to stop. Tasks live as long as the emulator.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C is how this command is meant to end: a normal stop, exit code 0.
                }
            }

            session.Console.Note("Emulator stopped.");
            return ExitCodes.Success;
        });
        return command;
    }
}
