using System.Net;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>The SDK's own client against the emulator: the two were written independently, so each checks the other's wire format.</summary>
public class KlingClientAgainstEmulatorTests
{
    private readonly FakeTimeProvider _clock = new();

    private static ImageToVideoRequest Request(string? externalTaskId = null, string prompt = "The cat turns its head") => new()
    {
        Image = KlingImage.FromBase64(TestImages.PngBase64()),
        Prompt = prompt,
        ModelName = KlingModel.KlingV2Master,
        Mode = KlingMode.Pro,
        Duration = KlingDuration.Five,
        ExternalTaskId = externalTaskId,
    };

    [Fact]
    public async Task Create_query_list_lookup_by_external_id_then_succeed_and_download_a_genuine_mp4()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var created = await client.CreateImageToVideoAsync(Request("order-42"), ct);
        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal("order-42", created.Data.TaskInfo?.ExternalTaskId);
        Assert.Equal(_clock.GetUtcNow(), created.Data.CreatedAt);
        Assert.False(string.IsNullOrEmpty(created.RequestId));

        var queried = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, ct);
        Assert.Equal(created.Data.TaskId, queried.Data.TaskId);
        Assert.Empty(queried.Data.TaskResult!.Videos);

        var listed = await client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 10, ct).ToListAsync(ct);
        Assert.Equal(created.Data.TaskId, Assert.Single(listed).Data.TaskId);

        // The client has no lookup by external id yet: the documented query-string form, over raw HTTP.
        using var api = new RawApi(emulator);
        var byExternalId = await api.QueryByExternalIdAsync("order-42");
        Assert.Equal(created.Data.TaskId, byExternalId.TaskId);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(KlingTaskStatus.Processing, (await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, ct)).Data.TaskStatus);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var done = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, ct);
        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.True(done.Data.TaskStatus.IsTerminal);
        Assert.Equal(_clock.GetUtcNow(), done.Data.UpdatedAt);
        var video = Assert.Single(done.Data.TaskResult!.Videos);
        Assert.Equal("5.1", video.Duration);
        Assert.Equal("1", done.Data.FinalUnitDeduction);

        using var download = new HttpClient(emulator.CreateHandler());
        using var response = await download.GetAsync(video.Url, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task A_failed_task_reaches_the_client_as_data_with_its_reason()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var created = await client.CreateImageToVideoAsync(Request(prompt: "a risky scene"), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var failed = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, TestContext.Current.CancellationToken);

        Assert.Equal(KlingTaskStatus.Failed, failed.Data.TaskStatus);
        Assert.Equal("Failure to pass the risk control system", failed.Data.TaskStatusMessage);
        Assert.Empty(failed.Data.TaskResult!.Videos);
    }

    [Fact]
    public async Task Every_typed_field_the_client_writes_passes_the_emulators_validation()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        await client.CreateImageToVideoAsync(
            Request("masks") with
            {
                NegativePrompt = "blur",
                ModelName = KlingModel.KlingV1, // cfg_scale is for kling-v1.x only; the client refuses it with Request's kling-v2-master
                CfgScale = 0.5,
                StaticMask = KlingImage.FromUrl(new Uri("https://example.com/static.png")),
                DynamicMasks = [new KlingDynamicMask { Mask = KlingImage.FromBase64(TestImages.PngBase64()), Trajectories = [new(279, 219), new(310, 65)] }],
                CallbackUrl = new Uri("https://example.com/hook"),
                WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
                Sound = KlingSound.Off,
                Elements = [new KlingElement { ElementId = 123 }],
            },
            ct);
        await client.CreateImageToVideoAsync(
            Request("camera") with { CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Zoom = 5 } } },
            ct);
        await client.CreateImageToVideoAsync(
            Request("tail") with { ImageTail = KlingImage.FromUrl(new Uri("https://example.com/end.png")), Voices = [new KlingVoice { VoiceId = "v1" }] },
            ct);
        await client.CreateImageToVideoAsync(
            Request("shots") with
            {
                Duration = KlingDuration.Ten,
                MultiShot = true,
                ShotType = KlingShotType.Customize,
                Shots = [new KlingShot { Index = 1, Prompt = "one", Duration = "4" }, new KlingShot { Index = 2, Prompt = "two", Duration = "6" }],
            },
            ct);

        Assert.Equal(4, emulator.Tasks.Count);
    }

    [Fact]
    public async Task A_refused_create_reaches_the_client_as_KlingApiException_with_the_code_and_message()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        // The client would refuse a 501-character prompt itself; with the official 2500-character limits it sends it,
        // so the emulator's own (CometAPI) limit answers.
        var client = emulator.CreateClient(options => options.ValidationLimits = KlingValidationLimits.CreateOfficial());

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(
            Request() with { Prompt = new string('a', 501) }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1201, error.Code);
        Assert.Contains("prompt", error.ServerMessage, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task The_client_and_the_emulator_both_take_native_4k_from_kling_v3_and_kling_v3_omni()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox in fresh snow", ModelName = KlingModel.KlingV3, Mode = KlingMode.FourK }, ct);
        await client.CreateImageToVideoAsync(Request() with { ModelName = KlingModel.KlingV3, Mode = KlingMode.FourK }, ct);
        await client.CreateOmniVideoAsync(
            new OmniVideoRequest { Prompt = "A paper boat", AspectRatio = KlingAspectRatio.Landscape16x9, ModelName = KlingModel.KlingV3Omni, Mode = KlingMode.FourK }, ct);

        Assert.Equal(3, emulator.Tasks.Count);
    }

    [Fact]
    public async Task A_client_with_a_wrong_key_gets_a_401_with_code_1000()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient(options => options.ApiKey = "sk-wrong");

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(1000, error.Code);
    }

    [Fact]
    public async Task Listing_all_tasks_pages_through_them_newest_first()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var client = emulator.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.CreateImageToVideoAsync(Request($"t{i}"), TestContext.Current.CancellationToken)).Data.TaskId);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        var listed = new List<string>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 3, TestContext.Current.CancellationToken))
        {
            listed.Add(task.Data.TaskId);
        }

        ids.Reverse();
        Assert.Equal(ids, listed);
        Assert.Equal(3, emulator.Requests.Count(r => r.Endpoint == KlingEmulatorEndpoint.List));
    }

    [Fact]
    public async Task A_429_1303_fault_is_retryable_for_the_client_and_creates_nothing()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        emulator.Faults.Add(
            KlingEmulatorEndpoint.Create,
            KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit").WithRetryAfter(TimeSpan.FromSeconds(2)),
            onCall: 1);

        // Retries off: the mapping of the answer is under test here (the client's own retries: CometApi.Kling.Tests/Resilience).
        var client = emulator.CreateClient(options => options.Resilience.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), TestContext.Current.CancellationToken));
        var second = await client.CreateImageToVideoAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal(1303, error.Code);
        Assert.True(error.IsRetryable);
        Assert.Equal("parallel task over resource pack limit", error.ServerMessage);
        Assert.Equal(second.Data.TaskId, Assert.Single(emulator.Tasks).TaskId);
    }

    [Fact]
    public async Task An_ambiguous_create_is_reconciled_by_external_id_and_a_repeat_is_refused_pointing_at_the_existing_task()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropAfterProcessing());
        var client = emulator.CreateClient();

        // The connection drops after the task was made: the client looks it up by external id instead of failing.
        var created = await client.CreateImageToVideoAsync(Request("order-7"), TestContext.Current.CancellationToken);

        var task = Assert.Single(emulator.Tasks);
        Assert.Equal(task.TaskId, created.Data.TaskId);
        using var api = new RawApi(emulator);
        Assert.Equal(task.TaskId, (await api.QueryByExternalIdAsync("order-7")).TaskId);

        // Sending it again in a new call is refused by the service as a duplicate (1201). The client cannot tell whether
        // that earlier task is the same video, so it does not hand it back: it says how to get it, and nothing new is made.
        var again = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request("order-7"), TestContext.Current.CancellationToken));
        Assert.Equal(1201, again.Code);
        Assert.Contains("GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, \"order-7\")", again.Message, StringComparison.Ordinal);
        Assert.Equal(task.TaskId, (await client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-7", TestContext.Current.CancellationToken)).Data.TaskId);
        Assert.Equal(2, Assert.Single(emulator.Tasks).CreateAttempts);
    }

    [Fact]
    public async Task A_truncated_or_html_answer_becomes_a_clear_client_exception()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.TruncatedBody(), onCall: 1);
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.Html(), onCall: 2);
        var client = emulator.CreateClient(options => options.Resilience.MaxRetryAttempts = 0);
        var id = (await client.CreateImageToVideoAsync(Request(), TestContext.Current.CancellationToken)).Data.TaskId;

        await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, id, TestContext.Current.CancellationToken));
        var html = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, id, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, html.StatusCode);
        Assert.Contains("HTML", html.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", html.Message, StringComparison.Ordinal);
    }
}
