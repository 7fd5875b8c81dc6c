// The `kling` command. All the work is in KlingCli.RunAsync, so tests run the same code in-process with their own
// writers, environment and cancellation.
using System.Runtime.InteropServices;
using CometApi.Kling.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        // First Ctrl+C: stop waiting cleanly (the command prints the task id and how to resume); a second one kills.
        e.Cancel = true;
        cancellation.Cancel();
    }
};

// SIGTERM (kill, docker stop, systemd) stops the same clean way: `kling emulator` disposes its server and frees its
// port, a wait prints the task id. A second SIGTERM, like a second Ctrl+C, ends the process at once.
var terminated = false;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        terminated = true;
        cancellation.Cancel();
    }
});

var exitCode = await KlingCli.RunAsync(args, KlingCliEnvironment.FromConsole(), cancellation.Token).ConfigureAwait(false);
return terminated && exitCode == ExitCodes.Canceled ? ExitCodes.Terminated : exitCode;
