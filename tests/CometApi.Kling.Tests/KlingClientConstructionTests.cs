using CometApi.Kling.Tests.Infrastructure;
using System.Net;
using System.Reflection;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests;

public class KlingClientConstructionTests
{
    private const string TaskJson =
        """{"code":0,"message":"SUCCEED","request_id":"req-1","data":{"task_id":"abc","task_status":"submitted","created_at":1722769557708,"updated_at":1722769557708}}""";

    private const string EmptyPageJson = """{"code":0,"message":"SUCCEED","data":[]}""";

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public void A_null_HttpClient_is_rejected()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new KlingClient((HttpClient)null!, new KlingClientOptions { ApiKey = "key" }));

        Assert.Equal("httpClient", exception.ParamName);
    }

    public static TheoryData<string> UnusableBaseAddresses => new()
    {
        "proxy/",
        "/kling/",
        "ftp://files.example.com/",
        "file:///tmp/kling/",
        "ws://localhost:5000/",
        "http://localhost:5000/proxy/?key=value",
        "http://localhost:5000/proxy/#fragment",
    };

    [Theory]
    [MemberData(nameof(UnusableBaseAddresses))]
    public void An_unusable_BaseAddress_is_rejected_by_the_constructor_naming_BaseAddress(string baseAddress)
    {
        using var httpClient = new HttpClient();
        var options = new KlingClientOptions { ApiKey = "key", BaseAddress = new Uri(baseAddress, UriKind.RelativeOrAbsolute) };

        var exception = Assert.Throws<ArgumentException>(() => new KlingClient(httpClient, options));

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
        Assert.Equal("options", exception.ParamName);
    }

    [Theory]
    [MemberData(nameof(UnusableBaseAddresses))]
    public void An_unusable_BaseAddress_is_rejected_by_the_shared_HttpClient_constructor_too(string baseAddress)
    {
        var options = new KlingClientOptions { ApiKey = "key", BaseAddress = new Uri(baseAddress, UriKind.RelativeOrAbsolute) };

        var exception = Assert.Throws<ArgumentException>(() => new KlingClient(options));

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_BaseAddress_means_the_address_of_the_host()
    {
        var handler = CapturingHandler.Json("""{"code":0,"data":{"task_id":"1","task_status":"submitted"}}""");
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "key", BaseAddress = null });

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken);

        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video/1", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void A_missing_api_key_is_not_a_construction_error()
    {
        using var httpClient = new HttpClient();

        var client = new KlingClient(httpClient, new KlingClientOptions { ApiKey = null });

        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("http://host/proxy", "http://host/proxy/kling/v1/videos/image2video/abc")]
    [InlineData("http://host/proxy/", "http://host/proxy/kling/v1/videos/image2video/abc")]
    [InlineData("http://host/a/b", "http://host/a/b/kling/v1/videos/image2video/abc")]
    [InlineData("http://host", "http://host/kling/v1/videos/image2video/abc")]
    [InlineData("https://api.cometapi.com/", "https://api.cometapi.com/kling/v1/videos/image2video/abc")]
    public async Task Routes_are_resolved_below_the_BaseAddress_with_or_without_a_trailing_slash(string baseAddress, string expected)
    {
        var server = new RecordingServer();
        var client = server.Client(new Uri(baseAddress));

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        Assert.Equal(expected, Assert.Single(server.Urls).AbsoluteUri);
    }

    [Fact]
    public async Task Every_operation_routes_below_a_BaseAddress_without_a_trailing_slash()
    {
        var server = new RecordingServer();
        var client = server.Client(new Uri("http://host/proxy"));

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")) }, _cancellationToken);
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 5, _cancellationToken))
        {
            Assert.Fail($"The empty page holds no task, got {task.Data.TaskId}.");
        }

        Assert.Equal(
            [
                "POST http://host/proxy/kling/v1/videos/image2video",
                "GET http://host/proxy/kling/v1/videos/image2video/abc",
                "GET http://host/proxy/kling/v1/videos/image2video?pageNum=1&pageSize=5",
            ],
            server.Requests);
    }

    [Fact]
    public async Task The_HttpClient_BaseAddress_is_not_used()
    {
        var server = new RecordingServer();
        using var httpClient = server.Handler.ToHttpClient();
        httpClient.BaseAddress = new Uri("http://elsewhere.example.com/other/");
        var client = new KlingClient(httpClient, new KlingClientOptions { ApiKey = "key", BaseAddress = new Uri("http://host/proxy/"), AllowInsecureBaseAddress = true });

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        Assert.Equal("http://host/proxy/kling/v1/videos/image2video/abc", Assert.Single(server.Urls).AbsoluteUri);
    }

    [Fact]
    public void The_protected_parameterless_constructor_exists_for_mocking()
    {
        var constructor = typeof(KlingClient).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

        Assert.NotNull(constructor);
        Assert.True(constructor.IsFamily, "The parameterless constructor should be protected.");
        Assert.False(typeof(KlingClient).IsSealed);
    }

    [Fact]
    public void Every_public_async_method_is_virtual()
    {
        var asyncMethods = typeof(KlingClient)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => IsAsyncReturnType(method.ReturnType))
            .ToArray();

        // One create per kind (each kind's name, from its request type), then the kind-generic members.
        string[] creates = [.. typeof(KlingTaskRequest).Assembly.GetExportedTypes()
            .Where(type => type.IsSubclassOf(typeof(KlingTaskRequest)))
            .Select(type => "Create" + type.Name[..^"Request".Length] + "Async")];
        Assert.Equal(12, creates.Length);
        string[] expected =
        [
            .. creates, "IdentifyFacesAsync", "GetTaskAsync", "GetTaskByExternalIdAsync",
            "ListTasksAsync", "WaitForCompletionAsync", "WaitForCompletionAsync",
            "DownloadResultsAsync", "DownloadAsync", "DownloadAsync", "GenerateAsync",
        ];
        Assert.Equal(expected.Order(), asyncMethods.Select(method => method.Name).Order());
        Assert.All(asyncMethods, method => Assert.True(method.IsVirtual && !method.IsFinal, $"{method.Name} should be overridable."));
    }

    [Fact]
    public async Task A_subclass_made_with_the_protected_constructor_can_stand_in_for_the_client()
    {
        KlingClient client = new FakeKlingClient();

        var created = await client.CreateImageToVideoAsync(new ImageToVideoRequest { Prompt = "a cat" }, _cancellationToken);
        var fetched = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "fake-1", _cancellationToken);

        Assert.Equal("fake-1", created.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal(KlingTaskStatus.Succeeded, fetched.Data.TaskStatus);
        Assert.Equal(new Uri("https://example.com/fake.mp4"), Assert.Single(fetched.Data.TaskResult!.Videos).Url);
    }

    [Fact]
    public async Task Listing_on_a_subclass_yields_what_its_overridden_ListTasksAsync_yields()
    {
        var client = new ListingFakeKlingClient(totalTasks: 3);

        var ids = new List<string>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 2, _cancellationToken))
        {
            ids.Add(task.Data.TaskId);
            Assert.Equal(KlingTaskKind.ImageToVideo, task.Data.Kind);
        }

        Assert.Equal(["task-1", "task-2", "task-3"], ids);
    }

    [Fact]
    public async Task A_method_not_overridden_on_a_mock_subclass_fails_with_a_clear_error()
    {
        KlingClient client = new ListingFakeKlingClient(totalTasks: 0);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken));

        Assert.Contains("protected constructor", exception.Message, StringComparison.Ordinal);
    }

    private static bool IsAsyncReturnType(Type type) =>
        type == typeof(Task)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Task<>) || definition == typeof(IAsyncEnumerable<>)));

    /// <summary>Answers every request with a task (or an empty page for list requests) and records "METHOD url".</summary>
    private sealed class RecordingServer
    {
        public RecordingServer() =>
            Handler.Fallback.Respond(request =>
            {
                lock (Requests)
                {
                    Urls.Add(request.RequestUri!);
                    Requests.Add($"{request.Method} {request.RequestUri!.AbsoluteUri}");
                }

                var json = request.RequestUri!.Query.Contains("pageNum", StringComparison.Ordinal) ? EmptyPageJson : TaskJson;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            });

        public MockHttpMessageHandler Handler { get; } = new();

        public List<Uri> Urls { get; } = [];

        public List<string> Requests { get; } = [];

        public KlingClient Client(Uri baseAddress) =>
            new(Handler.ToHttpClient(), new KlingClientOptions { ApiKey = "key", BaseAddress = baseAddress, AllowInsecureBaseAddress = true });
    }

    private sealed class FakeKlingClient : KlingClient
    {
        public override Task<TaskResponse> CreateImageToVideoAsync(ImageToVideoRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(KlingModelFactory.TaskResponse(KlingModelFactory.TaskData("fake-1", KlingTaskStatus.Submitted)));

        public override Task<TaskResponse> GetTaskAsync(KlingTaskKind kind, string taskId, CancellationToken cancellationToken = default) =>
            Task.FromResult(KlingModelFactory.TaskResponse(KlingModelFactory.TaskData(
                taskId, KlingTaskStatus.Succeeded, videos: [KlingModelFactory.KlingVideo(new Uri("https://example.com/fake.mp4"))])));
    }

    private sealed class ListingFakeKlingClient(int totalTasks) : KlingClient
    {
        public override async IAsyncEnumerable<TaskResponse> ListTasksAsync(
            KlingTaskKind kind, int pageSize = 30, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var number = 1; number <= totalTasks; number++)
            {
                await Task.Yield();
                yield return KlingModelFactory.TaskResponse(KlingModelFactory.TaskData($"task-{number}", KlingTaskStatus.Processing, kind: kind));
            }
        }
    }
}
