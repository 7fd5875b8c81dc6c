using CometApi.Kling.Diagnostics;
using CometApi.Kling.Http;
using CometApi.Kling.Testing;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> counts an <c>n</c>-image generation as <c>n</c>, as Kling
/// does (kling-catalogue §0.2): its create takes all <c>n</c> slots at once or waits, the line is first come, first
/// served (so two waiting generations never each hold part of what the other needs), and one asking for more than the
/// limit is refused before sending. Against an emulator that refuses with 1303 past the same limit, in virtual time.
/// </summary>
public sealed class ImageGenerationConcurrencyTests : IDisposable
{
    private readonly VirtualClock _clock = new();
    private readonly TempDirectory _directory = new();
    private readonly KlingEmulator _emulator;

    public ImageGenerationConcurrencyTests() =>
        _emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, MaxRunningTasksPerKey = 4 });

    public void Dispose()
    {
        _emulator.Dispose();
        _directory.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly KlingWaitOptions NoWaitTimeout = new() { Timeout = Timeout.InfiniteTimeSpan };

    private KlingClient Client(int maxConcurrentTasks) => _emulator.CreateClient(options =>
    {
        options.Resilience.MaxConcurrentTasks = maxConcurrentTasks;
        options.Resilience.CreateAttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.QueryAttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.TotalTimeout = Timeout.InfiniteTimeSpan;
    });

    private static ImageGenerationRequest Images(int? n) => new() { Prompt = "a red fox in fresh snow", ImageCount = n };

    private int CreatesReceived => _emulator.Requests.Count(request => request.Endpoint == KlingEmulatorEndpoint.Create);

    /// <summary>The most images (slots) the server had running at any one moment.</summary>
    private int MostSlotsAtOnce() => _emulator.Tasks
        .SelectMany(task => new[] { (At: task.CreatedAt, Delta: SlotsOf(task)), (At: task.FinishesAt, Delta: -SlotsOf(task)) })
        .OrderBy(change => change.At).ThenBy(change => change.Delta)
        .Aggregate((Running: 0, Most: 0), (state, change) => (state.Running + change.Delta, Math.Max(state.Most, state.Running + change.Delta))).Most;

    private static int SlotsOf(KlingEmulatorTask task) =>
        task.Request.TryGetProperty("n", out var n) ? n.GetInt32() : 1;

    [Fact]
    public async Task With_four_slots_an_n3_generation_makes_an_n2_generation_wait_until_it_is_seen_to_end()
    {
        var client = Client(maxConcurrentTasks: 4);
        var first = await _clock.RunAsync(() => client.CreateImageGenerationAsync(Images(3), Token));

        var second = client.CreateImageGenerationAsync(Images(2), Token);
        await Task.Delay(50, Token);

        // 3 of 4 slots are held: the 2-image generation waits and sends nothing.
        Assert.False(second.IsCompleted);
        Assert.Equal(1, CreatesReceived);

        // The first task ends on the server; its 3 slots come back only when this client sees it end.
        _clock.Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.False(second.IsCompleted);
        var ended = await _clock.RunAsync(() => client.WaitForCompletionAsync(first, NoWaitTimeout, Token));
        var created = await _clock.RunAsync(() => second);

        Assert.Equal(KlingTaskStatus.Succeeded, ended.Data.TaskStatus);
        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal(2, CreatesReceived);
        Assert.DoesNotContain(_emulator.Requests, request => request.ResponseStatusCode == 429);
    }

    [Fact]
    public async Task With_four_slots_an_n3_generation_and_a_one_slot_video_run_together()
    {
        var client = Client(maxConcurrentTasks: 4);

        await _clock.RunAsync(() => client.CreateImageGenerationAsync(Images(3), Token));
        var video = await _clock.RunAsync(() => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, Token));

        Assert.Equal(KlingTaskStatus.Submitted, video.Data.TaskStatus);
        Assert.Equal(2, CreatesReceived);
    }

    [Fact]
    public async Task Parallel_generations_of_several_images_all_finish_and_the_server_never_runs_more_images_than_the_limit()
    {
        // 3 + 2 + 4 + 1 + 3 images against 4 slots: creates wait in line, none deadlocks, none trips 1303.
        var client = Client(maxConcurrentTasks: 4);
        int[] counts = [3, 2, 4, 1, 3];

        var results = await _clock.RunAsync(() => Task.WhenAll(counts.Select((n, i) =>
            client.GenerateAsync(Images(n), KlingOutput.Folder(_directory.File($"set{i}")), new KlingGenerateOptions { Wait = NoWaitTimeout }, cancellationToken: Token))));

        Assert.All(results, result => Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus));
        Assert.Equal(counts, results.Select(result => result.Files.Count));
        Assert.Equal(counts.Length, CreatesReceived);
        Assert.DoesNotContain(_emulator.Requests, request => request.ResponseStatusCode == 429);
        Assert.True(MostSlotsAtOnce() <= 4, $"the server ran {MostSlotsAtOnce()} images at once");
    }

    [Fact]
    public async Task A_generation_of_more_images_than_MaxConcurrentTasks_is_refused_before_sending()
    {
        var client = Client(maxConcurrentTasks: 4);

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => _clock.RunAsync(() => client.CreateImageGenerationAsync(Images(5), Token)));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("n", problem.Path);
        Assert.Contains("MaxConcurrentTasks (4)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, CreatesReceived);
    }

    [Fact]
    public async Task Without_a_client_limit_a_five_image_generation_is_sent_and_the_server_counts_it_as_five()
    {
        // What the client limit prevents: the server (4 per key) refuses 5 images with 1303, after the create was sent.
        var client = _emulator.CreateClient();

        var error = await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() => client.CreateImageGenerationAsync(Images(5), Token)));

        Assert.Equal(1303, error.Code);
        Assert.True(CreatesReceived >= 1);
    }

    // ---- the slots themselves ----

    private static KlingTaskSlots Slots(int max) => new(max, new KlingTelemetry(NullLoggerFactory.Instance));

    [Fact]
    public async Task Slots_are_taken_together_or_not_at_all_and_given_back_together()
    {
        var slots = Slots(4);
        var three = await slots.AcquireAsync(3, Token);

        var two = slots.AcquireAsync(2, Token);

        Assert.False(two.IsCompleted);
        Assert.Equal(3, slots.InUse);
        three.Dispose();
        using var granted = await two;
        Assert.Equal(2, slots.InUse);
        Assert.Equal(2, granted.Count);
    }

    [Fact]
    public async Task Waiting_creates_are_served_in_order_so_a_large_one_is_not_overtaken_by_small_ones()
    {
        var slots = Slots(4);
        var running = await slots.AcquireAsync(3, Token);
        var large = slots.AcquireAsync(3, Token);
        var small = slots.AcquireAsync(1, Token);

        // One slot is free, but the 3-slot create came first: the 1-slot one waits behind it.
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted);
        running.Dispose();
        var largeSlot = await large;
        var smallSlot = await small;

        Assert.Equal(4, slots.InUse);
        largeSlot.Dispose();
        smallSlot.Dispose();
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task Cancelling_the_head_of_the_line_lets_the_creates_behind_it_through()
    {
        var slots = Slots(4);
        using var running = await slots.AcquireAsync(3, Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var head = slots.AcquireAsync(4, cancel.Token);
        var behind = slots.AcquireAsync(1, Token);

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => head);
        Assert.Equal(cancel.Token, error.CancellationToken);
        using var granted = await behind;
        Assert.Equal(4, slots.InUse);
    }

    [Fact]
    public async Task A_slot_given_back_twice_frees_its_slots_once()
    {
        var slots = Slots(4);
        var slot = await slots.AcquireAsync(3, Token);

        slot.Dispose();
        slot.Dispose();

        Assert.Equal(0, slots.InUse);
        using var all = await slots.AcquireAsync(4, Token);
        Assert.Equal(4, slots.InUse);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Slots_refuse_a_count_they_could_never_grant(int count)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Slots(4).AcquireAsync(count, Token));
    }
}
