using Microsoft.Extensions.Hosting;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The emulator server's host lifetime: it takes no process signals. The default one (ConsoleLifetime) registers
/// SIGINT, SIGQUIT and SIGTERM handlers that cancel the process's termination and only ask this embedded host to stop,
/// which nobody waits for: a program serving the emulator then ignored <c>kill</c> and kept its port. Signals belong
/// to the program that owns the process (the <c>kling</c> CLI stops on them; a user's program decides for itself).
/// </summary>
internal sealed class SignalFreeHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
