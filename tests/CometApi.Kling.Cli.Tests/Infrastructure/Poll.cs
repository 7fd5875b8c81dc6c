namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>Waits for a condition another task makes true (a request arriving, a line printed), failing after 30 s.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
