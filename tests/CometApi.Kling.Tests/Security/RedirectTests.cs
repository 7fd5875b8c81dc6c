using System.Net;
using CometApi.Kling.Http;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.Tests.Security;

/// <summary>
/// The key goes to the configured API host only: an API call answered with a redirect is reported, never carried to
/// the redirect's host (with the SDK's default client and the one AddKlingClient registers); a caller's client that
/// follows redirects anyway gets the redirected answer refused; video downloads follow redirects without the key.
/// Real Kestrel servers on two loopback hosts, real SocketsHttpHandler.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private const string Key = "sk-redirect-canary-5e1b7c9d";
    private const string TaskId = "2032273942220931072";

    private readonly TempDirectory _directory = new();
    private LoopbackServer _api = null!;
    private LoopbackServer _other = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await LoopbackServer.StartAsync(IPAddress.Loopback);
        _other = await LoopbackServer.StartOtherHostAsync();
        _other.Respond = LoopbackServer.Json(Responses.Task(TaskId, "succeed"));
        Assert.NotEqual(_api.BaseAddress.Host, _other.BaseAddress.Host);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _other.DisposeAsync();
        _directory.Dispose();
    }

    public enum ClientKind
    {
        Default,
        DependencyInjection,
    }

    private KlingClientOptions Options() => new()
    {
        ApiKey = Key,
        BaseAddress = _api.BaseAddress,
        Resilience = { MaxRetryAttempts = 0 },
    };

    private KlingClient Client(ClientKind kind, Action<IHttpClientBuilder>? configure = null)
    {
        if (kind == ClientKind.Default)
        {
            return new KlingClient(Options());
        }

        var services = new ServiceCollection();
        var builder = services.AddKlingClient(options =>
        {
            options.ApiKey = Key;
            options.BaseAddress = _api.BaseAddress;
            options.Resilience.MaxRetryAttempts = 0;
        });
        configure?.Invoke(builder);
        return services.BuildServiceProvider().GetRequiredService<KlingClient>();
    }

    private static ImageToVideoRequest Request() => new()
    {
        Image = KlingImage.FromBytes(TestImages.Png(400, 400)),
        Prompt = "a cat turns its head",
    };

    [Theory]
    [InlineData(ClientKind.Default, HttpStatusCode.MovedPermanently)]
    [InlineData(ClientKind.Default, HttpStatusCode.Found)]
    [InlineData(ClientKind.Default, HttpStatusCode.SeeOther)]
    [InlineData(ClientKind.Default, HttpStatusCode.TemporaryRedirect)]
    [InlineData(ClientKind.Default, HttpStatusCode.PermanentRedirect)]
    [InlineData(ClientKind.DependencyInjection, HttpStatusCode.Found)]
    [InlineData(ClientKind.DependencyInjection, HttpStatusCode.TemporaryRedirect)]
    public async Task Query_redirected_to_another_host_is_reported_and_nothing_reaches_that_host(ClientKind kind, HttpStatusCode status)
    {
        _api.Respond = LoopbackServer.Redirect(status, new Uri(_other.BaseAddress, $"kling/v1/videos/image2video/{TaskId}?token=abc"));
        var client = Client(kind);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, Token));

        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
        Assert.Contains(_other.BaseAddress.Authority, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token=abc", error.Message, StringComparison.Ordinal);
        Assert.Empty(_other.Requests);
        var sent = Assert.Single(_api.Requests);
        Assert.Equal("Bearer " + Key, sent.Authorization);
    }

    [Theory]
    [InlineData(ClientKind.Default, HttpStatusCode.Found)]
    [InlineData(ClientKind.Default, HttpStatusCode.TemporaryRedirect)]
    [InlineData(ClientKind.Default, HttpStatusCode.PermanentRedirect)]
    [InlineData(ClientKind.DependencyInjection, HttpStatusCode.TemporaryRedirect)]
    [InlineData(ClientKind.DependencyInjection, HttpStatusCode.PermanentRedirect)]
    public async Task Create_redirected_to_another_host_is_sent_once_and_its_body_never_reaches_that_host(ClientKind kind, HttpStatusCode status)
    {
        _api.Respond = LoopbackServer.Redirect(status, new Uri(_other.BaseAddress, "kling/v1/videos/image2video"));
        var client = Client(kind);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains("KlingClientOptions.BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Empty(_other.Requests);
        var sent = Assert.Single(_api.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("Bearer " + Key, sent.Authorization);
    }

    [Fact]
    public async Task A_callers_HttpClient_that_follows_redirects_never_carries_the_key_and_the_redirected_answer_is_refused()
    {
        _api.Respond = LoopbackServer.Redirect(HttpStatusCode.Found, new Uri(_other.BaseAddress, $"kling/v1/videos/image2video/{TaskId}"));
        using var httpClient = new HttpClient();
        var client = new KlingClient(httpClient, Options());

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, Token));

        // The other host answered a perfectly valid task, and the SDK still refused it: it is not the configured API.
        Assert.Contains("redirected to another host", error.Message, StringComparison.Ordinal);
        Assert.Contains(_other.BaseAddress.Authority, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        var carried = Assert.Single(_other.Requests);
        Assert.Equal(string.Empty, carried.Authorization);
        Assert.DoesNotContain(_other.Requests, request => request.Headers.Values.Any(value => value.Contains(Key, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DI_client_whose_primary_handler_was_replaced_by_one_that_follows_redirects_refuses_the_redirected_answer()
    {
        _api.Respond = LoopbackServer.Redirect(HttpStatusCode.TemporaryRedirect, new Uri(_other.BaseAddress, "kling/v1/videos/image2video"));
        var client = Client(ClientKind.DependencyInjection, builder => builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler()));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(Request(), Token));

        Assert.Contains("redirected to another host", error.Message, StringComparison.Ordinal);
        Assert.All(_other.Requests, request => Assert.Equal(string.Empty, request.Authorization));
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(ClientKind.Default)]
    [InlineData(ClientKind.DependencyInjection)]
    public async Task Video_download_follows_the_video_hosts_redirect_and_no_video_host_ever_sees_the_key(ClientKind kind)
    {
        await using var cdn = await LoopbackServer.StartAsync(IPAddress.Loopback);
        var video = new byte[70_000];
        Random.Shared.NextBytes(video);
        cdn.Respond = LoopbackServer.Bytes(video);
        _other.Respond = LoopbackServer.Redirect(HttpStatusCode.Found, new Uri(cdn.BaseAddress, "real/v.mp4?sig=cdn"));
        var videoUrl = new Uri(_other.BaseAddress, "v.mp4?sig=signed");
        _api.Respond = LoopbackServer.Json(
            "{\"code\":0,\"message\":\"SUCCEED\",\"data\":{\"task_id\":\"" + TaskId + "\",\"task_status\":\"succeed\",\"task_result\":{\"videos\":[{\"id\":\"v\",\"url\":\""
            + videoUrl.AbsoluteUri + "\",\"duration\":\"5\"}]}}}");
        var client = Client(kind);

        var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, Token);
        var path = Assert.Single(await client.DownloadResultsAsync(task, KlingOutput.File(_directory.File("v.mp4")), cancellationToken: Token));

        Assert.Equal(video, await File.ReadAllBytesAsync(path, Token));
        Assert.Equal("Bearer " + Key, Assert.Single(_api.Requests).Authorization);
        Assert.Equal(string.Empty, Assert.Single(_other.Requests).Authorization);
        var fetched = Assert.Single(cdn.Requests);
        Assert.Equal(string.Empty, fetched.Authorization);
        Assert.Equal("/real/v.mp4?sig=cdn", fetched.PathAndQuery);
    }

    [Theory]
    [InlineData(ClientKind.Default)]
    [InlineData(ClientKind.DependencyInjection)]
    public async Task Video_host_redirecting_to_the_api_host_still_gets_no_key_sent_there(ClientKind kind)
    {
        var video = new byte[1234];
        _api.Respond = LoopbackServer.Bytes(video);
        _other.Respond = LoopbackServer.Redirect(HttpStatusCode.TemporaryRedirect, new Uri(_api.BaseAddress, "kling/v1/videos/image2video/" + TaskId));
        var client = Client(kind);

        using var destination = new MemoryStream();
        var bytes = await client.DownloadAsync(new Uri(_other.BaseAddress, "v.mp4"), destination, cancellationToken: Token);

        Assert.Equal(video.Length, bytes);
        Assert.Equal(string.Empty, Assert.Single(_other.Requests).Authorization);
        Assert.Equal(string.Empty, Assert.Single(_api.Requests).Authorization);
    }

    [Fact]
    public async Task Video_download_gives_up_after_too_many_redirects_with_a_clear_error()
    {
        _other.Respond = LoopbackServer.Redirect(HttpStatusCode.Found, new Uri(_other.BaseAddress, "loop.mp4"));
        var client = Client(ClientKind.Default);

        using var destination = new MemoryStream();
        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadAsync(new Uri(_other.BaseAddress, "loop.mp4"), destination, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.Equal(KlingDownloadRedirectHandler.MaxRedirects + 1, _other.Requests.Count);
    }

    [Fact]
    public async Task Download_redirect_handler_never_follows_a_request_that_carries_a_key_or_a_body()
    {
        var inner = new RedirectingHandler(new Uri("https://elsewhere.example/x"));
        using var invoker = new HttpMessageInvoker(new KlingDownloadRedirectHandler { InnerHandler = inner });

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "https://api.example/v");
        withKey.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        using var withBody = new HttpRequestMessage(HttpMethod.Post, "https://api.example/v") { Content = new StringContent("{}") };
        using var keyAnswer = await invoker.SendAsync(withKey, Token);
        using var bodyAnswer = await invoker.SendAsync(withBody, Token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, keyAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, bodyAnswer.StatusCode);
        Assert.Equal(["https://api.example/v", "https://api.example/v"], inner.Seen.Select(uri => uri.AbsoluteUri));
    }

    [Fact]
    public async Task Download_redirect_handler_does_not_downgrade_https_to_http()
    {
        var inner = new RedirectingHandler(new Uri("http://cdn.example/v.mp4"));
        using var invoker = new HttpMessageInvoker(new KlingDownloadRedirectHandler { InnerHandler = inner });

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://videos.example/v.mp4");
        using var answer = await invoker.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, answer.StatusCode);
        Assert.Single(inner.Seen);
    }

    /// <summary>Answers every request with 307 to one place, recording what it was asked for.</summary>
    private sealed class RedirectingHandler(Uri location) : HttpMessageHandler
    {
        public List<Uri> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.RequestUri!);
            var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { RequestMessage = request };
            response.Headers.Location = location;
            return Task.FromResult(response);
        }
    }
}
