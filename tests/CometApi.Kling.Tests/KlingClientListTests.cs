using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests;

public class KlingClientListTests
{
    private static (KlingClient Client, CapturingHandler Handler) CreateClient(Func<int, string> pageBody)
    {
        var handler = new CapturingHandler(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(pageBody(int.Parse(query["pageNum"]!, System.Globalization.CultureInfo.InvariantCulture)), System.Text.Encoding.UTF8, "application/json"),
            };
        });
        return (new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-l" }), handler);
    }

    [Fact]
    public async Task List_requests_pageNum_and_pageSize_on_the_list_route()
    {
        var (client, handler) = CreateClient(_ => Responses.Page(1, 2));

        var ids = new List<string>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 50, TestContext.Current.CancellationToken))
        {
            ids.Add(task.Data.TaskId);
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video?pageNum=1&pageSize=50", request.Uri.AbsoluteUri);
        Assert.Equal(["1", "2"], ids);
    }

    [Fact]
    public async Task List_yields_each_task_as_a_TaskResponse_with_its_pages_request_id_and_message()
    {
        var (client, _) = CreateClient(page => page == 1
            ? """{"code":0,"message":"SUCCEED","request_id":"page-1","data":[{"task_id":"1","task_status":"succeed"},{"task_id":"2","task_status":"processing"}]}"""
            : """{"code":0,"message":"success","request_id":"page-2","data":[{"task_id":"3","task_status":"failed"}]}""");

        var tasks = new List<TaskResponse>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, TestContext.Current.CancellationToken))
        {
            tasks.Add(task);
        }

        Assert.Equal(["1/page-1/SUCCEED", "2/page-1/SUCCEED", "3/page-2/success"], tasks.Select(task => $"{task.Data.TaskId}/{task.RequestId}/{task.Message}"));
        Assert.All(tasks, task => Assert.Equal(0, task.Code));
        Assert.All(tasks, task => Assert.Equal(KlingTaskKind.ImageToVideo, task.Data.Kind));
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "3"), KlingTaskHandle.From(tasks[2]));
    }

    [Fact]
    public async Task List_fetches_pages_until_a_short_page()
    {
        var (client, handler) = CreateClient(page => page switch { 1 => Responses.Page(1, 2), 2 => Responses.Page(3, 2), _ => Responses.Page(5, 1) });

        var ids = new List<string>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, TestContext.Current.CancellationToken))
        {
            ids.Add(task.Data.TaskId);
        }

        Assert.Equal(["1", "2", "3", "4", "5"], ids);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task List_stops_on_an_empty_page()
    {
        var (client, handler) = CreateClient(page => page == 1 ? Responses.Page(1, 2) : """{"code":0,"message":"SUCCEED","data":[]}""");

        var count = 0;
        await foreach (var _ in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task List_fetches_lazily_as_the_caller_enumerates()
    {
        var (client, handler) = CreateClient(page => Responses.Page(page * 10, 2));

        await using var enumerator = client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.Empty(handler.Requests);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void List_rejects_an_out_of_range_page_size_at_the_call_before_sending(int pageSize)
    {
        var (client, handler) = CreateClient(_ => Responses.Page(1, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize, TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task List_stops_after_page_1000()
    {
        var (client, handler) = CreateClient(page => Responses.Page(page, 1));

        var count = 0;
        await foreach (var _ in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 1, TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(1000, count);
        Assert.Equal(1000, handler.Requests.Count);
        Assert.EndsWith("pageNum=1000&pageSize=1", handler.Requests[^1].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_stops_when_the_caller_cancels()
    {
        var (client, _) = CreateClient(page => Responses.Page(page * 10, 2));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }
}
