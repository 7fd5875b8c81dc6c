using System.Net;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>
/// On Kling's own host an external id is looked up as the query route's path parameter (as its page lists it), then
/// as <c>?external_task_id=</c>; "not found" only when both say so, because a create's reconciliation resends on it.
/// </summary>
public class OfficialExternalIdTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (KlingClient Client, RecordingApi Api) Create(Func<HttpRequestMessage, int, (HttpStatusCode, string)> answer)
    {
        var api = new RecordingApi { Answer = answer };
        return (new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "k" }), api);
    }

    [Fact]
    public async Task The_path_form_is_tried_first_on_the_official_host()
    {
        var (client, api) = Create((_, _) => (HttpStatusCode.OK, RecordingApi.TaskJson("processing", externalId: "order-42")));

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token);

        Assert.Equal("867283741759111202", task.Data.TaskId);
        Assert.Equal("https://api-singapore.klingai.com/v1/videos/text2video/order-42", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task When_the_path_form_finds_nothing_the_query_string_form_decides()
    {
        var (client, api) = Create((request, _) => request.RequestUri!.Query.Length == 0
            ? (HttpStatusCode.NotFound, RecordingApi.Error(1203, "task not found"))
            : (HttpStatusCode.OK, RecordingApi.TaskJson("processing", externalId: "order-42")));

        var task = await client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token);

        Assert.Equal("867283741759111202", task.Data.TaskId);
        Assert.Equal(
            ["https://api-singapore.klingai.com/v1/videos/text2video/order-42", "https://api-singapore.klingai.com/v1/videos/text2video?external_task_id=order-42"],
            api.Requests.Select(request => request.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task Not_found_only_when_both_forms_say_so()
    {
        var (client, api) = Create((_, _) => (HttpStatusCode.NotFound, RecordingApi.Error(1203, "task not found")));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_path_answer_for_another_external_id_is_refused_not_taken()
    {
        var (client, _) = Create((_, _) => (HttpStatusCode.OK, RecordingApi.TaskJson("processing", externalId: "someone-else")));

        await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token));
    }

    [Fact]
    public async Task CometApi_uses_only_the_query_string_form()
    {
        var api = new RecordingApi { Answer = (_, _) => (HttpStatusCode.NotFound, RecordingApi.Error(1203, "task not found")) };
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { ApiKey = "k" });

        await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, "order-42", Token));

        Assert.Equal("https://api.cometapi.com/kling/v1/videos/text2video?external_task_id=order-42", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }
}
