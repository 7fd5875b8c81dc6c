using System.Net;
using System.Text;
using CometApi.Kling.Http;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// A create's first attempt runs under its own timer (<see cref="AttemptTimeout"/>, no pipeline around it): a caller's
/// cancellation is reported with the caller's token, the timeout as the attempt timeout, and the timer a create leaves
/// behind for the next create neither fires early nor carries an earlier caller's cancellation.
/// </summary>
public class FirstAttemptTimeoutTests
{
    private const string TaskJson = """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"867","task_status":"submitted","task_info":{},"created_at":1,"updated_at":1}}""";
    private const string NotFoundJson = """{"code":1203,"message":"task not found","request_id":"r-404"}""";

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_canceled_by_the_caller_during_its_first_attempt_throws_operation_canceled_with_the_caller_s_token()
    {
        var api = new Api();
        var client = Client(api, new FakeTimeProvider());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        var create = client.CreateImageToVideoAsync(Request(), cancel.Token);
        await api.Creates.Reader.ReadAsync(TestToken);
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create.WaitAsync(TimeSpan.FromSeconds(20), TestToken));

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(0, api.Lookups);
    }

    [Fact]
    public async Task Timer_left_by_a_create_that_succeeded_times_out_the_next_create_s_first_attempt_on_time()
    {
        var clock = new FakeTimeProvider();
        var api = new Api();
        var client = Client(api, clock);

        api.AnswerNextCreate();
        Assert.Equal("867", (await client.CreateImageToVideoAsync(Request(), TestToken)).Data.TaskId);
        await api.Creates.Reader.ReadAsync(TestToken);

        var create = client.CreateImageToVideoAsync(Request(), TestToken);
        await api.Creates.Reader.ReadAsync(TestToken);
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(create.IsCompleted);
        Assert.Equal(0, api.Lookups);
        clock.Advance(TimeSpan.FromSeconds(1));

        // The attempt timed out at 20 s: looked up (not found), then sent again with the same id, which answers.
        await api.Creates.Reader.ReadAsync(TestToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestToken);
        api.AnswerNextCreate();
        Assert.Equal("867", (await create.WaitAsync(TimeSpan.FromSeconds(20), TestToken)).Data.TaskId);
        Assert.Equal(1, api.Lookups);
    }

    [Fact]
    public async Task Caller_s_cancellation_after_a_create_ended_does_not_reach_the_next_create()
    {
        var clock = new FakeTimeProvider();
        var api = new Api();
        var client = Client(api, clock);
        using var first = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        api.AnswerNextCreate();
        await client.CreateImageToVideoAsync(Request(), first.Token);
        await api.Creates.Reader.ReadAsync(TestToken);
        await first.CancelAsync();

        var next = client.CreateImageToVideoAsync(Request(), TestToken);
        await api.Creates.Reader.ReadAsync(TestToken);
        Assert.False(next.IsCompleted);
        api.AnswerNextCreate();

        Assert.Equal("867", (await next.WaitAsync(TimeSpan.FromSeconds(20), TestToken)).Data.TaskId);
        Assert.Equal(0, api.Lookups);
    }

    private static ImageToVideoRequest Request() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/first-frame.png")),
        Prompt = "a cat turns its head",
    };

    private static KlingClient Client(Api api, TimeProvider clock)
    {
        var options = new KlingClientOptions { ApiKey = "sk-first-attempt", TimeProvider = clock };
        options.Resilience.CreateAttemptTimeout = TimeSpan.FromSeconds(20);
        options.Resilience.BaseDelay = TimeSpan.Zero;
        options.Resilience.MaxDelay = TimeSpan.Zero;
        return new KlingClient(new HttpClient(api), options);
    }

    /// <summary>A create hangs until it is answered (or canceled); a lookup by external id finds nothing.</summary>
    private sealed class Api : HttpMessageHandler
    {
        private readonly SemaphoreSlim _answers = new(0);
        private int _lookups;

        public System.Threading.Channels.Channel<string> Creates { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public int Lookups => Volatile.Read(ref _lookups);

        public void AnswerNextCreate() => _answers.Release();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post)
            {
                Interlocked.Increment(ref _lookups);
                return Json(HttpStatusCode.NotFound, NotFoundJson);
            }

            await Creates.Writer.WriteAsync(await request.Content!.ReadAsStringAsync(cancellationToken), cancellationToken);
            await _answers.WaitAsync(cancellationToken);
            return Json(HttpStatusCode.OK, TaskJson);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
