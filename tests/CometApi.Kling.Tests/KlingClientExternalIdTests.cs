using System.Net;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests;

public class KlingClientExternalIdTests
{
    private static (KlingClient Client, CapturingHandler Handler) CreateClient(string response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = CapturingHandler.Json(response, status);
        return (new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-x" }), handler);
    }

    private static string Task(string taskId, string? externalId) =>
        $$"""{"task_id":"{{taskId}}","task_status":"succeed","task_info":{{(externalId is null ? "{}" : $$"""{"external_task_id":"{{externalId}}"}""")}}}""";

    [Fact]
    public async Task By_external_id_queries_with_the_query_string_form_and_the_key()
    {
        var (client, handler) = CreateClient($$"""{"code":0,"message":"SUCCEED","request_id":"r","data":{{Task("867", "order 42/a")}}}""");

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order 42/a", TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video?external_task_id=order%2042%2Fa", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer sk-x", request.Headers.Authorization?.ToString());
        Assert.Equal("867", task.Data.TaskId);
        Assert.Equal("r", task.RequestId);
        Assert.Equal(KlingTaskStatus.Succeeded, task.Data.TaskStatus);
    }

    [Fact]
    public async Task By_external_id_accepts_a_task_that_does_not_echo_its_external_id()
    {
        // CometAPI's query answers show task_info: {} even when an external id was set.
        var (client, _) = CreateClient($$"""{"code":0,"data":{{Task("867", null)}}}""");

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken);

        Assert.Equal("867", task.Data.TaskId);
    }

    [Fact]
    public async Task By_external_id_picks_the_matching_task_from_a_list_answer()
    {
        var (client, _) = CreateClient($$"""{"code":0,"data":[{{Task("1", "other")}},{{Task("2", "order-42")}}]}""");

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken);

        Assert.Equal("2", task.Data.TaskId);
    }

    [Fact]
    public async Task By_external_id_reports_an_empty_list_as_not_found()
    {
        var (client, _) = CreateClient("""{"code":0,"request_id":"r-9","data":[]}""");

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("no task with that external id", error.Message, StringComparison.Ordinal);
        Assert.Equal("r-9", error.RequestId);
    }

    [Fact]
    public async Task By_external_id_refuses_a_list_without_the_task_rather_than_return_another_one()
    {
        // A host that ignores external_task_id answers like the list endpoint.
        var (client, _) = CreateClient($$"""{"code":0,"data":[{{Task("1", "a")}},{{Task("2", "b")}}]}""");

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken));

        Assert.Contains("ignores external_task_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("CometAPI does not document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_external_id_refuses_a_task_with_a_different_external_id()
    {
        var (client, _) = CreateClient($$"""{"code":0,"data":{{Task("1", "someone-else")}}}""");

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken));

        Assert.Contains("'someone-else'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_external_id_passes_a_service_404_through()
    {
        var (client, _) = CreateClient("""{"code":1203,"message":"task not found","request_id":"r"}""", HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "order-42", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(1203, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task By_external_id_rejects_a_missing_id_before_sending(string? externalTaskId)
    {
        var (client, handler) = CreateClient("{}");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, externalTaskId!, TestContext.Current.CancellationToken));

        Assert.Equal("externalTaskId", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task By_external_id_respects_a_canceled_token()
    {
        var (client, handler) = CreateClient("{}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, "x", new CancellationToken(canceled: true)));

        Assert.Empty(handler.Requests);
    }
}
