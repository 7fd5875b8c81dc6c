using System.Net;
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
    public void Video_sets_url_id_and_duration()
    {
        var video = KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"), "video-1", "5.1");

        Assert.Equal(new Uri("https://example.com/v.mp4"), video.Url);
        Assert.Equal("video-1", video.Id);
        Assert.Equal("5.1", video.Duration);
        Assert.Null(video.WatermarkUrl);
        Assert.Null(video.AdditionalProperties);
    }

    [Fact]
    public void Video_defaults_id_and_duration_to_null()
    {
        var video = KlingModelFactory.KlingVideo(new Uri("https://example.com/v.mp4"));

        Assert.Null(video.Id);
        Assert.Null(video.Duration);
    }

    [Fact]
    public void Video_rejects_a_null_url()
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
}
