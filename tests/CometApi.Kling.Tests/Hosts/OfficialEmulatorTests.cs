using CometApi.Kling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>
/// The SDK on Kling's own host against the emulator's official mode, whose JWT and route checks are written apart from
/// the SDK's code: signed tokens accepted, an expired one replaced once, <c>succeeded</c> ending a wait.
/// </summary>
public class OfficialEmulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingEmulator Emulator(TimeProvider clock) => new(new KlingEmulatorOptions
    {
        Host = KlingHost.Official,
        TimeProvider = clock,
        SucceededSpelling = true,
        SubmittedDuration = TimeSpan.FromSeconds(1),
        ProcessingDuration = TimeSpan.FromSeconds(4),
    });

    private static KlingClient SignedClient(KlingEmulator emulator, TimeProvider clock) => emulator.CreateClient(options =>
    {
        options.ApiKey = null;
        options.AccessKey = KlingEmulator.DefaultAccessKey;
        options.SecretKey = KlingEmulator.DefaultSecretKey;
        options.TimeProvider = clock;
    });

    [Fact]
    public async Task A_task_created_with_signed_tokens_is_waited_for_until_succeeded_on_v1_routes()
    {
        var clock = new FakeTimeProvider(Start);
        using var emulator = Emulator(clock);
        var client = SignedClient(emulator, clock);

        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = new string('a', 2000), Duration = new KlingDuration("12") }, Token);
        clock.Advance(TimeSpan.FromSeconds(10));
        var done = await client.GetTaskAsync(KlingTaskKind.TextToVideo, created.Data.TaskId, Token);

        Assert.Equal("succeeded", done.Data.TaskStatus.ToString());
        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        var api = emulator.Requests.Where(request => request.Authentication is not null).ToList();
        Assert.Equal(2, api.Count);
        Assert.All(api, request => Assert.True(request.Authentication!.Succeeded));
        Assert.All(api, request => Assert.Equal(KlingEmulatorCredentialKind.Jwt, request.Authentication!.Kind));
        Assert.All(api, request => Assert.StartsWith("/v1/videos/text2video", request.Path, StringComparison.Ordinal));
        Assert.Single(api.Select(request => request.Headers["Authorization"]).Distinct());
    }

    [Fact]
    public async Task A_token_the_server_calls_expired_is_replaced_once_and_the_create_goes_through_once()
    {
        // The client's clock runs 40 minutes behind the server's: its cached token is already expired there.
        var serverClock = new FakeTimeProvider(Start);
        var clientClock = new FakeTimeProvider(Start);
        using var emulator = Emulator(serverClock);
        var client = SignedClient(emulator, clientClock);
        await client.GetTaskAsync(KlingTaskKind.TextToVideo, "0", Token).ContinueWith(_ => { }, Token);
        serverClock.Advance(TimeSpan.FromMinutes(31));
        clientClock.Advance(TimeSpan.FromMinutes(10));

        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a lighthouse" }, Token);

        var creates = emulator.Requests.Where(request => request.Method == "POST").ToList();
        Assert.Equal([1004, null], creates.Select(request => request.Authentication!.ErrorCode));
        Assert.Single(emulator.Tasks);
        Assert.Equal(created.Data.TaskId, emulator.Tasks.Single().TaskId);
    }

    [Fact]
    public async Task A_clock_too_far_off_for_any_token_ends_after_one_replacement_with_1004()
    {
        var serverClock = new FakeTimeProvider(Start.AddHours(2));
        var clientClock = new FakeTimeProvider(Start);
        using var emulator = Emulator(serverClock);
        var client = SignedClient(emulator, clientClock);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a lighthouse" }, Token));

        Assert.Equal(1004, error.Code);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Empty(emulator.Tasks);
        Assert.DoesNotContain(KlingEmulator.DefaultSecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_id_is_found_on_the_official_host()
    {
        var clock = new FakeTimeProvider(Start);
        using var emulator = Emulator(clock);
        var client = SignedClient(emulator, clock);
        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a lighthouse", ExternalTaskId = "order-42" }, Token);

        var found = await client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token);

        Assert.Equal(created.Data.TaskId, found.Data.TaskId);
        Assert.Equal("/v1/videos/text2video/order-42", emulator.Requests[^1].Path);
    }
}
