using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>Kling's new standard spells success <c>succeeded</c>: it is the same status as <c>succeed</c>, everywhere.</summary>
public class StatusSpellingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("succeed")]
    [InlineData("succeeded")]
    [InlineData("SUCCEEDED")]
    public void Both_spellings_are_the_one_success_status_and_keep_their_wire_spelling(string wire)
    {
        var status = new KlingTaskStatus(wire);

        Assert.Equal(KlingTaskStatus.Succeeded, status);
        Assert.True(status == KlingTaskStatus.Succeeded);
        Assert.True(status.IsTerminal);
        Assert.Equal(KlingTaskStatus.Succeeded.GetHashCode(), status.GetHashCode());
        Assert.Equal(wire, status.ToString());
    }

    [Theory]
    [InlineData("succeeding")]
    [InlineData("success")]
    [InlineData("done")]
    public void Other_unknown_statuses_are_kept_and_do_not_end_a_wait(string wire)
    {
        var status = new KlingTaskStatus(wire);

        Assert.NotEqual(KlingTaskStatus.Succeeded, status);
        Assert.False(status.IsTerminal);
    }

    [Fact]
    public async Task A_wait_ends_in_success_on_succeeded()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = new RecordingApi { Answer = (_, count) => (HttpStatusCode.OK, RecordingApi.TaskJson(count < 3 ? "processing" : "succeeded")) };
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "k", TimeProvider = clock });
        var created = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "867283741759111202", Token);

        var waiting = client.WaitForCompletionAsync(created, new KlingWaitOptions(), Token);
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(1, Token);
        }

        var done = await waiting;
        Assert.Equal("succeeded", done.Data.TaskStatus.ToString());
        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Equal(3, api.Requests.Count);
    }
}
