using System.Net;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests;

public class KlingClientOptionsTests
{
    private const string SecretKey = "sk-very-secret-0123456789";

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public void Defaults_are_the_CometAPI_host_and_the_system_clock()
    {
        var options = new KlingClientOptions();

        Assert.Equal(KlingHost.CometApi, options.Host);
        Assert.Null(options.BaseAddress);
        Assert.Null(options.RoutePrefix);
        Assert.Equal(new Uri("https://api-singapore.klingai.com/"), KlingClientOptions.OfficialBaseAddress);
        Assert.Equal(new Uri("https://api.cometapi.com/"), KlingClientOptions.DefaultBaseAddress);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Equal("COMETAPI_KEY", KlingClientOptions.ApiKeyEnvironmentVariable);
    }

    [Fact]
    public void ToString_never_contains_the_api_key()
    {
        var options = new KlingClientOptions { ApiKey = SecretKey, BaseAddress = new Uri("http://localhost:5000/proxy/") };

        var text = options.ToString();

        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", text, StringComparison.Ordinal);
        Assert.Contains("(set, redacted)", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/proxy/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ToString_says_not_set_when_there_is_no_api_key(string? apiKey)
    {
        var options = new KlingClientOptions { ApiKey = apiKey };

        Assert.Contains("ApiKey = (not set)", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_without_an_api_key_throws_and_sends_nothing(string? apiKey)
    {
        var server = new FailingServer();
        var client = server.Client(apiKey);
        var request = new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/first-frame.png")), Prompt = "a cat" };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateImageToVideoAsync(request, _cancellationToken));

        AssertNamesTheKeySettings(exception);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData("sk-canary-7f3a\n")]
    [InlineData("sk-canary-7f3a\r\nX-Injected: 1")]
    [InlineData(" sk-canary-7f3a")]
    [InlineData("sk-canary\t7f3a")]
    [InlineData("sk-canary 7f3a")]
    [InlineData("sk-canary-7f3a\u00e9")]
    public async Task Create_with_a_key_that_cannot_be_a_header_throws_without_the_key_and_sends_nothing(string apiKey)
    {
        var server = new FailingServer();
        var client = server.Client(apiKey);
        var request = new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/first-frame.png")), Prompt = "a cat" };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateImageToVideoAsync(request, _cancellationToken));

        Assert.Contains("cannot be sent safely in an HTTP header (a space, line break, tab, control or non-ASCII character)", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", exception.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Get_without_an_api_key_throws_and_sends_nothing(string? apiKey)
    {
        var server = new FailingServer();
        var client = server.Client(apiKey);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken));

        AssertNamesTheKeySettings(exception);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Enumerating_the_task_list_without_an_api_key_throws_at_the_first_item_and_sends_nothing(string? apiKey)
    {
        var server = new FailingServer();
        var client = server.Client(apiKey);

        // The call itself only checks its arguments; the key is needed once enumeration fetches the first page.
        var tasks = client.ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 10, _cancellationToken);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var task in tasks)
            {
                Assert.Fail($"No task can be listed without a key, got {task.Data.TaskId}.");
            }
        });

        AssertNamesTheKeySettings(exception);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task A_client_on_the_shared_HttpClient_without_an_api_key_also_throws_before_sending()
    {
        var client = new KlingClient(new KlingClientOptions { ApiKey = null, BaseAddress = new Uri("http://127.0.0.1:9/unreachable/") });

        // Port 9 (discard) is never contacted: a send would surface as KlingConnectionException instead.
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken));

        AssertNamesTheKeySettings(exception);
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token_on_each_request_only()
    {
        string? authorization = null;
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(request =>
        {
            authorization = request.Headers.Authorization?.ToString();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"code":0,"message":"SUCCEED","data":{"task_id":"abc","task_status":"processing"}}""", System.Text.Encoding.UTF8, "application/json"),
            };
        });
        using var httpClient = handler.ToHttpClient();
        var client = new KlingClient(httpClient, new KlingClientOptions { ApiKey = SecretKey });

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        Assert.Equal($"Bearer {SecretKey}", authorization);
        Assert.Null(httpClient.DefaultRequestHeaders.Authorization);
    }

    private static void AssertNamesTheKeySettings(InvalidOperationException exception)
    {
        Assert.Contains("KlingClientOptions.ApiKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("COMETAPI_KEY", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>A MockHttp backend with no routes: every request is counted and answered with an error.</summary>
    private sealed class FailingServer
    {
        private int _requestCount;

        public FailingServer() =>
            Handler.Fallback.Respond(_ =>
            {
                Interlocked.Increment(ref _requestCount);
                return new HttpResponseMessage(HttpStatusCode.InternalServerError);
            });

        public MockHttpMessageHandler Handler { get; } = new();

        public int RequestCount => Volatile.Read(ref _requestCount);

        public KlingClient Client(string? apiKey) =>
            new(Handler.ToHttpClient(), new KlingClientOptions { ApiKey = apiKey, BaseAddress = new Uri("http://localhost:5000/") });
    }
}
