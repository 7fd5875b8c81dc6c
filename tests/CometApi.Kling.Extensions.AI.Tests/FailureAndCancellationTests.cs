using CometApi.Kling.Extensions.AI.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI.Tests;

/// <summary>Failures surface as the client's exceptions, and cancellation stops every step.</summary>
public class FailureAndCancellationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_task_throws_KlingTaskFailedException_with_the_services_reason()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);

        var error = await Assert.ThrowsAsync<KlingTaskFailedException>(() => generator.GenerateImagesAsync("A risky lighthouse", cancellationToken: Token));

        Assert.Equal("Failure to pass the risk control system", error.LastKnownTask!.Data.TaskStatusMessage);
        Assert.Equal(KlingTaskStatus.Failed, error.LastKnownTask.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.ImageGeneration, error.Task!.Kind);
    }

    [Fact]
    public async Task An_already_canceled_call_sends_nothing()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        using var generator = Emulated.Generator(emulator);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateImagesAsync("A lighthouse", cancellationToken: canceled.Token));

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_task_runs_stops_the_wait()
    {
        var options = Emulated.Options();
        options.ProcessingDuration = TimeSpan.FromHours(1);
        using var emulator = new KlingEmulator(options);
        using var generator = Emulated.Generator(emulator);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = generator.GenerateImagesAsync("A lighthouse", cancellationToken: cancel.Token);
        while (!emulator.Requests.Any(request => request.Endpoint == KlingEmulatorEndpoint.Query))
        {
            await Task.Delay(10, Token);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(emulator.Tasks);
    }

    [Fact]
    public async Task A_wait_that_outlasts_the_generators_timeout_throws_KlingWaitTimeoutException()
    {
        var options = Emulated.Options();
        options.ProcessingDuration = TimeSpan.FromHours(1);
        using var emulator = new KlingEmulator(options);
        var wait = Emulated.FastWait();
        wait.Timeout = TimeSpan.FromMilliseconds(200);
        using var generator = emulator.CreateClient().AsIImageGenerator(new KlingImageGeneratorOptions { Wait = wait });

        var error = await Assert.ThrowsAsync<KlingWaitTimeoutException>(() => generator.GenerateImagesAsync("A lighthouse", cancellationToken: Token));

        Assert.Equal(Assert.Single(emulator.Tasks).TaskId, error.Task!.TaskId);
    }
}
