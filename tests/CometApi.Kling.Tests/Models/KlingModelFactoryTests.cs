using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Http;
using CometApi.Kling.Serialization;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests.Models;

public class KlingModelFactoryTests
{
    private static readonly DateTimeOffset Created = new(2024, 8, 4, 11, 5, 57, 708, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = Created.AddMinutes(3);

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public void TaskResponse_is_a_successful_envelope_around_the_given_task()
    {
        var data = KlingModelFactory.TaskData("860000000000000001", KlingTaskStatus.Processing);

        var response = KlingModelFactory.TaskResponse(data);

        Assert.Equal(0, response.Code);
        Assert.Equal("SUCCEED", response.Message);
        Assert.Null(response.RequestId);
        Assert.Same(data, response.Data);
        Assert.Null(response.AdditionalProperties);
        Assert.True(((IKlingEnvelope)response).HasData);
    }

    [Fact]
    public void TaskResponse_uses_the_given_message_and_request_id()
    {
        var response = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("1", KlingTaskStatus.Submitted), message: "success", requestId: "req-42");

        Assert.Equal("success", response.Message);
        Assert.Equal("req-42", response.RequestId);
        Assert.Equal(0, response.Code);
    }

    [Fact]
    public void TaskResponse_accepts_a_null_message()
    {
        var response = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("1", KlingTaskStatus.Submitted), message: null);

        Assert.Null(response.Message);
    }

    [Fact]
    public void TaskResponse_rejects_null_data()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => KlingModelFactory.TaskResponse(null!));

        Assert.Equal("data", exception.ParamName);
    }

    [Fact]
    public void TaskData_sets_every_given_field()
    {
        KlingVideo[] videos = [KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"), "video-1", "5.1")];

        var data = KlingModelFactory.TaskData(
            "860000000000000001", KlingTaskStatus.Succeeded, videos, statusMessage: "done", externalTaskId: "my-task", createdAt: Created, updatedAt: Updated);

        Assert.Equal("860000000000000001", data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, data.TaskStatus);
        Assert.Equal("done", data.TaskStatusMessage);
        Assert.Equal("my-task", data.TaskInfo?.ExternalTaskId);
        Assert.Same(videos, data.TaskResult?.Videos);
        Assert.Equal(Created, data.CreatedAt);
        Assert.Equal(Updated, data.UpdatedAt);
        Assert.Null(data.WatermarkInfo);
        Assert.Null(data.FinalUnitDeduction);
        Assert.Null(data.AdditionalProperties);
    }

    [Fact]
    public void TaskData_defaults_to_no_videos_no_message_and_UpdatedAt_equal_to_CreatedAt()
    {
        var data = KlingModelFactory.TaskData("1", KlingTaskStatus.Processing, createdAt: Created);

        Assert.NotNull(data.TaskResult);
        Assert.Empty(data.TaskResult.Videos);
        Assert.Null(data.TaskStatusMessage);
        Assert.NotNull(data.TaskInfo);
        Assert.Null(data.TaskInfo.ExternalTaskId);
        Assert.Equal(Created, data.CreatedAt);
        Assert.Equal(Created, data.UpdatedAt);
    }

    [Fact]
    public void TaskData_without_timestamps_leaves_them_at_their_default()
    {
        var data = KlingModelFactory.TaskData("1", KlingTaskStatus.Submitted);

        Assert.Equal(default, data.CreatedAt);
        Assert.Equal(default, data.UpdatedAt);
    }

    [Fact]
    public void TaskData_keeps_a_failure_reason_and_an_unknown_status()
    {
        var failed = KlingModelFactory.TaskData("1", KlingTaskStatus.Failed, statusMessage: "Failure to pass the risk control system");
        var unknown = KlingModelFactory.TaskData("2", "queued_for_review");

        Assert.True(failed.TaskStatus.IsTerminal);
        Assert.Equal("Failure to pass the risk control system", failed.TaskStatusMessage);
        Assert.Equal("queued_for_review", unknown.TaskStatus.ToString());
        Assert.False(unknown.TaskStatus.IsTerminal);
    }

    [Fact]
    public void TaskData_rejects_a_null_task_id()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => KlingModelFactory.TaskData(null!, KlingTaskStatus.Submitted));

        Assert.Equal("taskId", exception.ParamName);
    }

    [Fact]
    public void KlingVideo_sets_url_id_duration_and_watermark_url()
    {
        var video = KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"), "video-1", "5.1", new Uri("https://example.com/w.mp4"));

        Assert.Equal(new Uri("https://example.com/v.mp4"), video.Url);
        Assert.Equal("video-1", video.Id);
        Assert.Equal("5.1", video.Duration);
        Assert.Equal(new Uri("https://example.com/w.mp4"), video.WatermarkUrl);
        Assert.Null(video.AdditionalProperties);
    }

    [Fact]
    public void KlingVideo_defaults_id_duration_and_watermark_url_to_null()
    {
        var video = KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"));

        Assert.Null(video.Id);
        Assert.Null(video.Duration);
        Assert.Null(video.WatermarkUrl);
    }

    [Fact]
    public void KlingVideo_rejects_a_null_url()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => KlingModelFactory.KlingVideo(null!));

        Assert.Equal("url", exception.ParamName);
    }

    [Fact]
    public void A_built_response_is_written_in_the_service_wire_format()
    {
        var response = KlingModelFactory.TaskResponse(
            KlingModelFactory.TaskData(
                "860000000000000001",
                KlingTaskStatus.Succeeded,
                [KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"), "video-1", "5.1")],
                externalTaskId: "my-task",
                createdAt: Created,
                updatedAt: Updated),
            requestId: "req-42");

        var json = JsonNode.Parse(JsonSerializer.Serialize(response, KlingJsonContext.Default.TaskResponse))!;

        Assert.Equal(0, json["code"]!.GetValue<int>());
        Assert.Equal("SUCCEED", json["message"]!.GetValue<string>());
        Assert.Equal("req-42", json["request_id"]!.GetValue<string>());
        var data = json["data"]!;
        Assert.Equal("860000000000000001", data["task_id"]!.GetValue<string>());
        Assert.Equal("succeed", data["task_status"]!.GetValue<string>());
        Assert.Equal("my-task", data["task_info"]!["external_task_id"]!.GetValue<string>());
        Assert.Equal(Created.ToUnixTimeMilliseconds(), data["created_at"]!.GetValue<long>());
        Assert.Equal(Updated.ToUnixTimeMilliseconds(), data["updated_at"]!.GetValue<long>());
        var video = data["task_result"]!["videos"]![0]!;
        Assert.Equal("video-1", video["id"]!.GetValue<string>());
        Assert.Equal("https://example.com/v.mp4", video["url"]!.GetValue<string>());
        Assert.Equal("5.1", video["duration"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_built_response_served_over_HTTP_reads_back_through_the_client_unchanged()
    {
        var built = KlingModelFactory.TaskResponse(
            KlingModelFactory.TaskData(
                "860000000000000001",
                KlingTaskStatus.Succeeded,
                [KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"), "video-1", "5.1")],
                statusMessage: "ok",
                externalTaskId: "my-task",
                createdAt: Created,
                updatedAt: Updated),
            requestId: "req-42");
        using var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Get, "http://localhost:5000/kling/v1/videos/image2video/860000000000000001")
            .Respond(HttpStatusCode.OK, "application/json", JsonSerializer.Serialize(built, KlingJsonContext.Default.TaskResponse));
        using var httpClient = handler.ToHttpClient();
        var client = new KlingClient(httpClient, new KlingClientOptions { ApiKey = "key", BaseAddress = new Uri("http://localhost:5000/") });

        var read = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "860000000000000001", _cancellationToken);

        Assert.Equal(built.Code, read.Code);
        Assert.Equal(built.Message, read.Message);
        Assert.Equal(built.RequestId, read.RequestId);
        Assert.Equal(built.Data.TaskId, read.Data.TaskId);
        Assert.Equal(built.Data.TaskStatus, read.Data.TaskStatus);
        Assert.Equal(built.Data.TaskStatusMessage, read.Data.TaskStatusMessage);
        Assert.Equal(built.Data.TaskInfo, read.Data.TaskInfo);
        Assert.Equal(built.Data.CreatedAt, read.Data.CreatedAt);
        Assert.Equal(built.Data.UpdatedAt, read.Data.UpdatedAt);
        Assert.Equal(built.Data.TaskResult!.Videos, read.Data.TaskResult!.Videos);
    }

    [Fact]
    public void TaskData_sets_its_kind_and_the_images_and_audio_of_its_result()
    {
        KlingGeneratedImage[] images = [KlingModelFactory.KlingGeneratedImage(new Uri("https://example.com/0.png"), index: 0)];
        KlingGeneratedAudio[] audios = [KlingModelFactory.KlingGeneratedAudio("a-1", mp3Url: new Uri("https://example.com/a.mp3"))];

        var data = KlingModelFactory.TaskData("1", KlingTaskStatus.Succeeded, kind: KlingTaskKind.ImageGeneration, images: images, audios: audios);

        Assert.Equal(KlingTaskKind.ImageGeneration, data.Kind);
        Assert.Same(images, data.TaskResult!.Images);
        Assert.Same(audios, data.TaskResult.Audios);
        Assert.Empty(data.TaskResult.Videos);
    }

    [Fact]
    public void A_task_built_with_its_kind_gives_a_handle_and_one_without_does_not()
    {
        var withKind = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Processing, externalTaskId: "order-1", kind: KlingTaskKind.TextToVideo));
        var without = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Processing));

        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-1", "order-1"), KlingTaskHandle.From(withKind));
        Assert.Throws<ArgumentException>(() => KlingTaskHandle.From(without));
    }

    [Fact]
    public void TaskResult_holds_the_given_lists_and_empty_ones_for_the_rest()
    {
        KlingVideo[] videos = [KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"))];

        var result = KlingModelFactory.TaskResult(videos: videos);
        var empty = KlingModelFactory.TaskResult();

        Assert.Same(videos, result.Videos);
        Assert.Empty(result.Images);
        Assert.Empty(result.Audios);
        Assert.Empty(empty.Videos);
        Assert.Null(result.AdditionalProperties);
    }

    [Fact]
    public void TaskInfo_sets_the_external_id_and_the_parent_video()
    {
        var parent = KlingModelFactory.KlingVideo(new Uri("https://example.com/p.mp4"), "parent-1");

        var info = KlingModelFactory.TaskInfo("order-9", parent);

        Assert.Equal("order-9", info.ExternalTaskId);
        Assert.Same(parent, info.ParentVideo);
        Assert.Null(KlingModelFactory.TaskInfo().ExternalTaskId);
    }

    [Fact]
    public void KlingGeneratedImage_sets_url_index_and_watermark_url_and_rejects_a_null_url()
    {
        var image = KlingModelFactory.KlingGeneratedImage(new Uri("https://example.com/1.png"), 1, new Uri("https://example.com/1w.png"));

        Assert.Equal(new Uri("https://example.com/1.png"), image.Url);
        Assert.Equal(1, image.Index);
        Assert.Equal(new Uri("https://example.com/1w.png"), image.WatermarkUrl);
        Assert.Equal("url", Assert.Throws<ArgumentNullException>(() => KlingModelFactory.KlingGeneratedImage(null!)).ParamName);
    }

    [Fact]
    public void KlingGeneratedAudio_sets_its_id_and_each_format()
    {
        var audio = KlingModelFactory.KlingGeneratedAudio("a-1", new Uri("https://example.com/a.mp3"), new Uri("https://example.com/a.wav"));
        var single = KlingModelFactory.KlingGeneratedAudio(url: new Uri("https://example.com/tts.mp3"));

        Assert.Equal("a-1", audio.Id);
        Assert.Equal(new Uri("https://example.com/a.mp3"), audio.Mp3Url);
        Assert.Equal(new Uri("https://example.com/a.wav"), audio.WavUrl);
        Assert.Null(audio.Url);
        Assert.Equal(new Uri("https://example.com/tts.mp3"), single.Url);
    }

    [Fact]
    public void KlingFaceIdentification_and_KlingFace_carry_the_session_and_its_faces()
    {
        var face = KlingModelFactory.KlingFace("0", new Uri("https://example.com/face.jpg"), startTime: 1200, endTime: 4000);

        var identification = KlingModelFactory.KlingFaceIdentification("sess-1", [face]);

        Assert.Equal("sess-1", identification.SessionId);
        Assert.Same(face, Assert.Single(identification.Faces));
        Assert.Equal(("0", new Uri("https://example.com/face.jpg"), 1200L, 4000L), (face.FaceId, face.FaceImage, face.StartTime, face.EndTime));
        Assert.Empty(KlingModelFactory.KlingFaceIdentification("sess-2").Faces);
    }

    [Fact]
    public void KlingCallbackNotification_is_what_a_parsed_callback_body_gives()
    {
        var built = KlingModelFactory.KlingCallbackNotification("t-1", KlingTaskStatus.Succeeded, "order-1");
        var parsed = KlingCallback.Parse("""{"task_id":"t-1","task_status":"succeed","task_info":{"external_task_id":"order-1"}}"""u8);

        Assert.Equal((parsed.TaskId, parsed.TaskStatus, parsed.ExternalTaskId), (built.TaskId, built.TaskStatus, built.ExternalTaskId));
        Assert.True(built.ReportedTask.Data.Kind.IsUnspecified);
        Assert.Equal(parsed.ToString(), built.ToString());
    }

    [Fact]
    public void KlingGenerationResult_holds_the_task_and_its_files()
    {
        var task = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Succeeded));

        var result = KlingModelFactory.KlingGenerationResult(task, ["/out/t-1.mp4"]);

        Assert.Same(task, result.Task);
        Assert.Equal("/out/t-1.mp4", result.FilePath);
        Assert.Throws<ArgumentException>(() => KlingModelFactory.KlingGenerationResult(task, []));
    }

    [Fact]
    public void KlingApiException_carries_every_detail_given()
    {
        var task = new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-1");

        var error = KlingModelFactory.KlingApiException(
            HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit", "r-1", "comet_api_error", "rate_limit",
            isRetryable: true, retryAfter: TimeSpan.FromSeconds(7), task: task);

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(1303, error.Code);
        Assert.Equal("parallel task over resource pack limit", error.ServerMessage);
        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("comet_api_error", error.GatewayErrorType);
        Assert.Equal("rate_limit", error.GatewayErrorCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Same(task, error.Task);
        Assert.Null(error.LastKnownTask);
        Assert.Equal("The call failed: HTTP 429, Kling code 1303.", error.Message);
        Assert.Equal("custom", KlingModelFactory.KlingApiException(HttpStatusCode.BadRequest, message: "custom").Message);
    }

    [Fact]
    public void KlingTaskFailedException_carries_the_failed_task_and_its_handle()
    {
        var task = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Failed, statusMessage: "risk control", kind: KlingTaskKind.TextToVideo));

        var error = KlingModelFactory.KlingTaskFailedException(task);

        Assert.Same(task, error.LastKnownTask);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-1"), error.Task);
        Assert.False(error.IsRetryable);
        Assert.Equal("Task 't-1' failed: risk control.", error.Message);
        Assert.Equal("task", Assert.Throws<ArgumentNullException>(() => KlingModelFactory.KlingTaskFailedException(null!)).ParamName);
    }

    [Fact]
    public void KlingWaitTimeoutException_carries_the_handle_to_resume_with_and_the_last_known_state()
    {
        var handle = new KlingTaskHandle(KlingTaskKind.Avatar, "t-1");
        var last = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Processing, kind: KlingTaskKind.Avatar));

        var error = KlingModelFactory.KlingWaitTimeoutException(handle, last);
        var withoutState = KlingModelFactory.KlingWaitTimeoutException(handle);

        Assert.Same(handle, error.Task);
        Assert.Same(last, error.LastKnownTask);
        Assert.Null(withoutState.LastKnownTask);
        Assert.False(error.IsRetryable);
        Assert.Contains("avatar task t-1", error.Message, StringComparison.Ordinal);
        Assert.Equal("task", Assert.Throws<ArgumentNullException>(() => KlingModelFactory.KlingWaitTimeoutException(null!)).ParamName);
    }

    [Fact]
    public void KlingAmbiguousCreateException_is_never_retryable_with_or_without_a_handle()
    {
        var handle = KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-1");
        var cause = new KlingConnectionException("reset");

        var error = KlingModelFactory.KlingAmbiguousCreateException(handle, innerException: cause);
        var withoutId = KlingModelFactory.KlingAmbiguousCreateException(task: null);

        Assert.Same(handle, error.Task);
        Assert.Same(cause, error.InnerException);
        Assert.Null(withoutId.Task);
        Assert.False(error.IsRetryable);
        Assert.False(withoutId.IsRetryable);
    }

    [Fact]
    public void KlingDownloadException_carries_the_status_retryability_and_the_task_whose_result_it_was()
    {
        var task = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("t-1", KlingTaskStatus.Succeeded, kind: KlingTaskKind.ImageGeneration));
        var cause = new IOException("cut");

        var error = KlingModelFactory.KlingDownloadException(HttpStatusCode.Forbidden, isRetryable: false, lastKnownTask: task, innerException: cause);
        var plain = KlingModelFactory.KlingDownloadException(isRetryable: true);

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Same(task, error.LastKnownTask);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.ImageGeneration, "t-1"), error.Task);
        Assert.Same(cause, error.InnerException);
        Assert.Equal("The download failed: HTTP 403.", error.Message);
        Assert.True(plain.IsRetryable);
        Assert.Null(plain.StatusCode);
        Assert.Null(plain.Task);
    }

    [Fact]
    public void The_factory_builds_every_type_a_virtual_member_of_the_client_returns()
    {
        var returned = typeof(KlingClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.IsVirtual)
            .Select(method => Unwrap(method.ReturnType))
            .Where(type => type.Namespace == "CometApi.Kling")
            .ToHashSet();
        var built = typeof(KlingModelFactory).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(method => method.ReturnType).ToHashSet();

        Assert.Equal([typeof(KlingFaceIdentification), typeof(KlingGenerationResult), typeof(TaskResponse)], returned.OrderBy(type => type.Name));
        Assert.Subset(built, returned);
    }

    [Fact]
    public void The_factory_builds_every_exception_whose_task_carrying_constructor_is_internal_and_names_each_method_after_its_type()
    {
        var factory = typeof(KlingModelFactory).GetMethods(BindingFlags.Public | BindingFlags.Static);
        var exceptions = typeof(KlingClient).Assembly.GetExportedTypes()
            .Where(type => type.IsSubclassOf(typeof(KlingException)) && type != typeof(KlingConnectionException));

        Assert.All(exceptions, type => Assert.Contains(factory, method => method.ReturnType == type));
        Assert.All(factory, method => Assert.Equal(method.ReturnType.Name, method.Name));
    }

    [Fact]
    public async Task A_hand_written_subclass_fed_by_the_factory_stands_in_for_the_client_through_wait_and_list()
    {
        var client = new ScriptedClient();

        var created = await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, _cancellationToken);
        var done = await client.WaitForCompletionAsync(created, cancellationToken: _cancellationToken);
        var listed = await client.ListTasksAsync(KlingTaskKind.TextToVideo, cancellationToken: _cancellationToken).ToListAsync(_cancellationToken);
        var missing = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.TextToVideo, "t-404", _cancellationToken));

        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Equal(["t-1"], listed.Select(task => task.Data.TaskId));
        Assert.Equal(1203, missing.Code);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, "t-404"), missing.Task);
    }

    /// <summary>What a user writes: the virtual members overridden, answers built with the factory.</summary>
    private sealed class ScriptedClient : KlingClient
    {
        private static TaskData Task(KlingTaskStatus status) => KlingModelFactory.TaskData("t-1", status, kind: KlingTaskKind.TextToVideo);

        public override Task<TaskResponse> CreateTextToVideoAsync(TextToVideoRequest request, CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult(KlingModelFactory.TaskResponse(Task(KlingTaskStatus.Submitted)));

        public override Task<TaskResponse> WaitForCompletionAsync(KlingTaskHandle task, KlingWaitOptions? options = null, CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult(KlingModelFactory.TaskResponse(Task(KlingTaskStatus.Succeeded)));

        public override async IAsyncEnumerable<TaskResponse> ListTasksAsync(
            KlingTaskKind kind, int pageSize = 30, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await System.Threading.Tasks.Task.Yield();
            yield return KlingModelFactory.TaskResponse(Task(KlingTaskStatus.Succeeded));
        }

        public override Task<TaskResponse> GetTaskAsync(KlingTaskKind kind, string taskId, CancellationToken cancellationToken = default) =>
            throw KlingModelFactory.KlingApiException(HttpStatusCode.NotFound, 1203, "task not found", task: new KlingTaskHandle(kind, taskId));
    }

    private static Type Unwrap(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            ? Unwrap(type.GetGenericArguments()[0])
            : type;
}
