// The `kling` command. All the work is in KlingCli.RunAsync, so tests run the same code in-process with their own
// writers, environment and cancellation.
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

return await KlingCli.RunAsync(args, KlingCliEnvironment.FromConsole(), cancellation.Token).ConfigureAwait(false);
