namespace CometApi.Kling.Tests;

public class SmokeTests
{
    [Fact]
    public void Status_is_terminal_only_for_succeed_and_failed()
    {
        Assert.True(KlingTaskStatus.Succeed.IsTerminal);
        Assert.False(KlingTaskStatus.Processing.IsTerminal);
    }
}
