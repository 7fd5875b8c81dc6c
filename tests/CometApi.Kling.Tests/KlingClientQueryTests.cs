using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests;

public class KlingClientQueryTests
{
    private static (KlingClient Client, CapturingHandler Handler) CreateClient(string response, string baseAddress = "https://api.cometapi.com/")
    {
        var handler = CapturingHandler.Json(response);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-q", BaseAddress = new Uri(baseAddress) });
        return (client, handler);
    }

    [Fact]
    public async Task Get_requests_the_task_by_id_with_the_bearer_key()
    {
        var (client, handler) = CreateClient(Responses.Task("878106242831892487"));

        var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "878106242831892487", TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video/878106242831892487", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer sk-q", request.Headers.Authorization?.ToString());
        Assert.Null(request.Body);
        Assert.Equal("878106242831892487", task.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, task.Data.TaskStatus);
        Assert.Equal("9ab376fc-9059-487f-9e2a-c9c89f1a344f", task.RequestId);
        Assert.Empty(task.Data.TaskResult!.Videos);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("../admin", "..%2Fadmin")]
    [InlineData("id with space?x=1#f", "id%20with%20space%3Fx%3D1%23f")]
    public async Task Get_escapes_the_task_id_so_it_stays_one_path_segment(string taskId, string escaped)
    {
        var (client, handler) = CreateClient(Responses.Task("x"));

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, taskId, TestContext.Current.CancellationToken);

        Assert.EndsWith("/kling/v1/videos/image2video/" + escaped, Assert.Single(handler.Requests).Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_keeps_a_base_address_path_prefix()
    {
        var (client, handler) = CreateClient(Responses.Task("1"), "http://localhost:8080/gateway/");

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken);

        Assert.Equal("http://localhost:8080/gateway/kling/v1/videos/image2video/1", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public async Task Get_rejects_a_missing_task_id_before_sending(string? taskId)
    {
        var (client, handler) = CreateClient(Responses.Task("1"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, taskId!, TestContext.Current.CancellationToken));

        Assert.Equal("taskId", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Get_returns_the_succeeded_video()
    {
        var (client, _) = CreateClient("""
            {"code":0,"message":"SUCCEED","request_id":"r1","data":{"task_id":"867283741759111202","task_status":"succeed","task_status_msg":"",
             "task_info":{"external_task_id":"order-42"},"final_unit_deduction":"1",
             "task_result":{"videos":[{"id":"v-1","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]},
             "created_at":1722769557708,"updated_at":1722769600000}}
            """);

        var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "867283741759111202", TestContext.Current.CancellationToken);

        Assert.True(task.Data.TaskStatus.IsTerminal);
        Assert.Equal("order-42", task.Data.TaskInfo?.ExternalTaskId);
        var video = Assert.Single(task.Data.TaskResult!.Videos);
        Assert.Equal(new Uri("https://cdn.example.com/v.mp4"), video.Url);
        Assert.Equal("v-1", video.Id);
        Assert.Equal("5.1", video.Duration);
        Assert.Equal("1", task.Data.FinalUnitDeduction);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722769600000), task.Data.UpdatedAt);
    }

    [Fact]
    public async Task Get_with_a_cancelled_token_sends_nothing()
    {
        var (client, handler) = CreateClient(Responses.Task("1"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", cancelled.Token));

        Assert.Empty(handler.Requests);
    }
}
