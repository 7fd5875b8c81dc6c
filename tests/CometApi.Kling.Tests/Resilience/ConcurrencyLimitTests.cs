using System.Net;
using CometApi.Kling.Testing;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// <see cref="KlingResilienceOptions.MaxConcurrentTasks"/>: a create takes a slot before it is sent and keeps it until
/// this client sees the task end; creates over the limit queue instead of failing with 1303, a queued create can be
/// canceled without sending anything, and failures give their slots back. Emulator in-process, virtual time.
/// </summary>
public sealed class ConcurrencyLimitTests : IDisposable
{
    private readonly VirtualClock _clock = new();
    private readonly TempDirectory _directory = new();
    private readonly SlotWaitSignal _signal = new();
    private readonly LoggerFactory _loggerFactory;
    private readonly KlingEmulator _emulator;

    public ConcurrencyLimitTests()
    {
        _loggerFactory = new LoggerFactory([_signal]);

        // The server enforces the same limit: one task too many would be answered 429 code 1303.
        _emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, MaxRunningTasksPerKey = 2 });
    }

    public void Dispose()
    {
        _emulator.Dispose();
        _loggerFactory.Dispose();
        _directory.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// No timeouts: the virtual clock jumps to the next timer whenever one is armed, even while other parallel calls are
    /// in flight, so an attempt, total or wait timeout could fire at a moment that real time would never reach. Poll and
    /// backoff delays are the only timers left, and reaching them early changes nothing these tests assert.
    /// </summary>
    private static readonly KlingWaitOptions NoWaitTimeout = new() { Timeout = Timeout.InfiniteTimeSpan };

    private KlingClient Client(int maxConcurrentTasks) => _emulator.CreateClient(options =>
    {
        options.Resilience.MaxConcurrentTasks = maxConcurrentTasks;
        options.Resilience.CreateAttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.QueryAttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.TotalTimeout = Timeout.InfiniteTimeSpan;
        options.LoggerFactory = _loggerFactory;
    });

    private static ImageToVideoRequest Request(string prompt = "a cat turns its head") => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
        Prompt = prompt,
    };

    private int CreatesReceived => _emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Create);

    /// <summary>The most tasks the server had running (created, not yet ended) at any one moment.</summary>
    private int MostRunningAtOnce() => _emulator.Tasks
        .SelectMany(task => new[] { (At: task.CreatedAt, Delta: 1), (At: task.FinishesAt, Delta: -1) })
        .OrderBy(change => change.At).ThenBy(change => change.Delta)
        .Aggregate((Running: 0, Most: 0), (state, change) => (state.Running + change.Delta, Math.Max(state.Most, state.Running + change.Delta))).Most;

    [Fact]
    public async Task Parallel_generations_over_the_limit_queue_and_the_server_never_runs_more_than_the_limit()
    {
        var client = Client(maxConcurrentTasks: 2);

        var results = await _clock.RunAsync(() => Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            client.GenerateAsync(Request(), KlingOutput.File(_directory.File($"v{i}.mp4")), new KlingGenerateOptions { Wait = NoWaitTimeout }, cancellationToken: Token))));

        Assert.All(results, result => Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus));
        Assert.Equal(6, results.Select(result => result.Task.Data.TaskId).Distinct().Count());
        Assert.Equal(6, _emulator.Tasks.Count);
        Assert.All(_emulator.Tasks, task => Assert.Equal(1, task.CreateAttempts));
        Assert.Equal(6, CreatesReceived);
        Assert.DoesNotContain(_emulator.Requests, request => request.ResponseStatusCode == 429);
        Assert.Equal(2, MostRunningAtOnce());
        Assert.True(_signal.Count > 0, "some creates should have waited for a slot");
    }

    [Fact]
    public async Task Parallel_creates_and_waits_over_the_limit_never_exceed_it_on_the_server()
    {
        var client = Client(maxConcurrentTasks: 2);

        var done = await _clock.RunAsync(() => Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var created = await client.CreateImageToVideoAsync(Request(), Token);
            return await client.WaitForCompletionAsync(created, NoWaitTimeout, Token);
        })));

        Assert.All(done, task => Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus));
        Assert.Equal(5, CreatesReceived);
        Assert.DoesNotContain(_emulator.Requests, request => request.ResponseStatusCode == 429);
        Assert.True(MostRunningAtOnce() <= 2);
    }

    [Fact]
    public async Task A_create_over_the_limit_waits_until_the_client_sees_a_task_end()
    {
        var client = Client(maxConcurrentTasks: 1);
        var first = await _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token));

        var second = client.CreateImageToVideoAsync(Request(), Token);
        await _signal.Waiting.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.False(second.IsCompleted);
        Assert.Equal(1, CreatesReceived);

        // The first task ends on the server, but the slot is freed only when this client sees it end.
        _clock.Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, CreatesReceived);
        var ended = await _clock.RunAsync(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, first.Data.TaskId, Token));
        var created = await _clock.RunAsync(() => second);

        Assert.Equal(KlingTaskStatus.Succeeded, ended.Data.TaskStatus);
        Assert.NotEqual(first.Data.TaskId, created.Data.TaskId);
        Assert.Equal(2, CreatesReceived);
    }

    [Fact]
    public async Task Cancelling_a_queued_create_throws_OperationCanceledException_and_sends_nothing()
    {
        var client = Client(maxConcurrentTasks: 1);
        var first = await _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var queued = client.CreateImageToVideoAsync(Request(), cancel.Token);
        await _signal.Waiting.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(1, CreatesReceived);

        // The canceled create took no slot with it: once the first task is seen to end, a new create goes straight through.
        _clock.Fake.Advance(TimeSpan.FromMinutes(1));
        await _clock.RunAsync(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, first.Data.TaskId, Token));
        var next = client.CreateImageToVideoAsync(Request(), Token);
        await _clock.RunAsync(() => next);
        Assert.Equal(2, CreatesReceived);
        Assert.Equal(1, _signal.Count);
    }

    [Fact]
    public async Task A_refused_create_gives_its_slot_back()
    {
        var client = Client(maxConcurrentTasks: 1);
        _emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.CometError(HttpStatusCode.InternalServerError, "bad", code: "invalid_request"), onCall: 1);

        await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token)));
        var created = await _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal(0, _signal.Count);
    }

    [Fact]
    public async Task An_ambiguous_create_gives_its_slot_back()
    {
        // The task may exist, but its id is unknown, so this client could never see it end: keeping the slot would leak it.
        var client = Client(maxConcurrentTasks: 1);
        _emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropAfterProcessing(), onCall: 1);
        _emulator.Faults.Add(KlingEmulatorEndpoint.QueryByExternalId, KlingEmulatorFault.Status(HttpStatusCode.Forbidden, "{\"code\":1103,\"message\":\"no\"}"), times: 10);

        await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token)));
        _emulator.Faults.Clear();
        var created = await _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.NotNull(created.Data.TaskId);
        Assert.Equal(0, _signal.Count);
    }

    [Fact]
    public async Task A_task_that_fails_frees_its_slot_when_the_wait_sees_it()
    {
        var client = Client(maxConcurrentTasks: 1);

        await Assert.ThrowsAsync<KlingTaskFailedException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(Request("a risky scene"), KlingOutput.File(_directory.File("v.mp4")), new KlingGenerateOptions { Wait = NoWaitTimeout }, cancellationToken: Token)));
        var created = await _clock.RunAsync(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal(0, _signal.Count);
    }

    /// <summary>A logger that reports the client's "waiting for a slot" event (id 13), so a test knows a create is queued.</summary>
    private sealed class SlotWaitSignal : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task Waiting => _waiting.Task;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 13)
            {
                Interlocked.Increment(ref _count);
                _waiting.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
