using System.CommandLine;
using CometApi.Kling.Cli.Output;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// <c>kling emulator [--port] [--host cometapi|official] [--succeeded] [--webhook-secret …]</c>: serve the Kling
/// emulator on loopback until Ctrl+C, so tasks outlive single commands.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on (0: any free port).", DefaultValueFactory = _ => 0 };
        var host = EmulatorHostOption.Create();
        var succeeded = new Option<bool>("--succeeded")
        {
            Description = "Spell a finished task's status 'succeeded' (Kling's new standard) instead of 'succeed', in answers and callbacks.",
        };
        var webhookSecrets = new Option<string[]>("--webhook-secret")
        {
            Description = "Sign callbacks with this webhook secret (whsec_ + base64); repeat it for a rotation (one signature per secret).",
            HelpName = "whsec_...",
        };
        var command = new Command("emulator", "Run the Kling emulator on 127.0.0.1 until Ctrl+C (for other commands, tools and tests).")
        {
            port, host, succeeded, webhookSecrets,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            var options = session.EmulatorOptions();
            options.Host = EmulatorHostOption.Read(parse, host);
            options.SucceededSpelling |= parse.GetValue(succeeded);
            if (parse.GetValue(webhookSecrets) is { Length: > 0 } secrets)
            {
                options.WebhookSecrets = secrets;
            }

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
                if (options.Host == KlingHost.Official)
                {
                    DescribeOfficial(session, server.BaseAddress, apiKey, options);
                }
                else if (session.Console.Json)
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

    /// <summary>
    /// How to connect to the official-host emulator: address, routes, the API key and the access/secret key pair. The
    /// pair is printed on purpose: it is the emulator's public test value (a local server), never a real credential.
    /// </summary>
    private static void DescribeOfficial(CliSession session, Uri baseAddress, string apiKey, KlingEmulatorOptions options)
    {
        var accessKey = options.AccessKeys.ContainsKey(KlingEmulator.DefaultAccessKey) ? KlingEmulator.DefaultAccessKey : options.AccessKeys.Keys.FirstOrDefault();
        var secretKey = accessKey is null ? null : options.AccessKeys[accessKey];
        if (session.Console.Json)
        {
            session.Console.Out.WriteLine(EmulatorConnectionJson.Write(baseAddress, apiKey, accessKey, secretKey, options));
            session.Console.Out.Flush();
            return;
        }

        session.Console.Info($"Kling emulator (official host: routes under /v1/) listening on {baseAddress}");
        session.Console.Info($"API key: {apiKey}");
        if (accessKey is not null)
        {
            session.Console.Info($"Access key: {accessKey}");
            session.Console.Info($"Secret key: {secretKey} (a public test value of the emulator)");
        }

        session.Console.Info($"Status spelling: {(options.SucceededSpelling ? "succeeded" : "succeed")}; signed callbacks: {(options.WebhookSecrets.Count == 0 ? "no" : $"yes ({options.WebhookSecrets.Count} secret(s))")}");
        session.Console.Info($"Try: curl -s {baseAddress}v1/videos/text2video -H \"Authorization: Bearer {apiKey}\"");
        session.Console.Out.Flush();
    }
}
