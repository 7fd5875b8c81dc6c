using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// CometAPI documents two shapes for an omni-video query (kling-catalogue §3.9): the plain task, and a wrapper whose
/// <c>data.status</c> is SUCCESS/FAILURE with the Kling task nested at <c>data.data</c>. The client reads both as one task.
/// </summary>
public sealed class WrappedOmniAnswerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<TaskResponse> Query(string body) =>
        KindApi.Client(CapturingHandler.Json(body)).GetTaskAsync(KlingTaskKind.OmniVideo, "777", Token);

    [Fact]
    public async Task Query_reads_the_task_nested_in_the_wrapper()
    {
        const string Body = """
            {"code":0,"message":"success","data":{"task_id":"777","action":"OMNI_VIDEO","status":"SUCCESS","progress":"100%",
             "data":{"task_id":"777","task_status":"succeed","task_info":{},"task_result":{"videos":[{"id":"v1","url":"https://cdn.example.com/v1.mp4","duration":"5.1"}]},"created_at":1,"updated_at":2}}}
            """;

        var task = await Query(Body);

        Assert.Equal("777", task.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.OmniVideo, task.Data.Kind);
        Assert.Equal(new Uri("https://cdn.example.com/v1.mp4"), Assert.Single(task.Data.TaskResult!.Videos).Url);
    }

    [Theory]
    [InlineData("SUCCESS", "succeed")]
    [InlineData("FAILURE", "failed")]
    [InlineData("IN_PROGRESS", "processing")]
    [InlineData("QUEUED", "processing")]
    public async Task Query_maps_the_wrapper_status_when_no_task_is_nested(string wrapperStatus, string expected)
    {
        var body = "{\"code\":0,\"message\":\"success\",\"data\":{\"task_id\":\"777\",\"action\":\"OMNI_VIDEO\",\"status\":\"" + wrapperStatus + "\"}}";

        var task = await Query(body);

        Assert.Equal("777", task.Data.TaskId);
        Assert.Equal(new KlingTaskStatus(expected), task.Data.TaskStatus);
    }

    [Fact]
    public async Task Query_of_a_wrapper_whose_nested_task_has_the_wrong_shape_is_a_KlingApiException_not_a_JsonException()
    {
        // Found by ParserRobustnessProperties: the wrapper was unwrapped outside the reader's JSON error handling.
        const string Body = """{"code":0,"message":"success","data":{"status":"SUCCESS","data":{"task_id":{},"task_result":[]}}}""";

        var error = await Assert.ThrowsAsync<KlingApiException>(() => Query(Body));

        Assert.Contains("instead of Kling JSON", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Query_leaves_the_plain_shape_as_it_is()
    {
        var task = await Query(KindApi.Task("777", "processing"));

        Assert.Equal("777", task.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, task.Data.TaskStatus);
    }

    [Fact]
    public async Task Wait_ends_on_a_wrapped_success()
    {
        var handler = CapturingHandler.Json("""
            {"code":0,"message":"success","data":{"status":"SUCCESS","data":{"task_id":"777","task_status":"succeed","task_result":{"videos":[{"id":"v1","url":"https://cdn.example.com/v1.mp4"}]}}}}
            """);
        var client = KindApi.Client(handler);

        var done = await client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.OmniVideo, "777"), cancellationToken: Token);

        Assert.Equal(KlingTaskStatus.Succeeded, done.Data.TaskStatus);
        Assert.Contains(handler.Requests, request => request.Uri.AbsolutePath.EndsWith("/kling/v1/videos/omni-video/777", StringComparison.Ordinal));
    }
}
