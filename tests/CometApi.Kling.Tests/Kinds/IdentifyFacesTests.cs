using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// <see cref="KlingClient.IdentifyFacesAsync"/> (kling-catalogue §3.6): a synchronous, billed call. Its body, its typed
/// answer, its checks, and above all that it is sent again only when the request certainly never reached the service.
/// </summary>
public sealed class IdentifyFacesTests
{
    private const string Answer =
        """{"code":0,"message":"SUCCEED","request_id":"req-7","data":{"session_id":"sess-1","face_data":[{"face_id":"0","face_image":"https://cdn.example.com/face-0.jpg","start_time":0,"end_time":5200},{"face_id":1,"face_image":"https://cdn.example.com/face-1.jpg","start_time":"1200","end_time":"4000","score":0.9}],"final_unit_deduction":"0.1"}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly IdentifyFacesRequest ById = new() { VideoId = "video-1" };

    /// <summary>A client whose every attempt is answered by <paramref name="attempt"/> (given the attempt number, from 1).</summary>
    private static (KlingClient Client, CapturingHandler Handler) Client(Func<int, HttpResponseMessage> attempt, Action<KlingResilienceOptions>? resilience = null)
    {
        var calls = 0;
        var handler = new CapturingHandler(_ => attempt(Interlocked.Increment(ref calls)));
        var client = KindApi.Client(handler, configure: options =>
        {
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            resilience?.Invoke(options.Resilience);
        });
        return (client, handler);
    }

    private static HttpResponseMessage Ok() => KindApi.Json(Answer);

    private static HttpResponseMessage Refused() =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.cometapi.com:443)", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public async Task Identify_faces_posts_the_video_id_to_kling_v1_videos_identify_face()
    {
        var (client, handler) = Client(_ => Ok());

        await client.IdentifyFacesAsync(ById, Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/identify-face", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal("""{"video_id":"video-1"}""", sent.Body);
    }

    [Fact]
    public async Task Identify_faces_sends_a_video_url_and_extra_fields_as_they_are()
    {
        var (client, handler) = Client(_ => Ok());

        await client.IdentifyFacesAsync(
            new IdentifyFacesRequest { VideoUrl = new Uri("https://example.com/talk.mp4?sig=a&b=1"), AdditionalProperties = new Dictionary<string, JsonNode?> { ["mode"] = "fast" } },
            Token);

        Assert.Equal("""{"video_url":"https://example.com/talk.mp4?sig=a&b=1","mode":"fast"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Identify_faces_returns_the_session_and_each_face_with_its_times_in_ms()
    {
        var (client, _) = Client(_ => Ok());

        var identification = await client.IdentifyFacesAsync(ById, Token);

        Assert.Equal("sess-1", identification.SessionId);
        Assert.Equal(2, identification.Faces.Count);
        Assert.Equal(("0", new Uri("https://cdn.example.com/face-0.jpg"), 0L, 5200L), (identification.Faces[0].FaceId, identification.Faces[0].FaceImage, identification.Faces[0].StartTime, identification.Faces[0].EndTime));

        // A number where a string is documented, strings where numbers are: read as meant; unknown fields kept.
        Assert.Equal(("1", 1200L, 4000L), (identification.Faces[1].FaceId, identification.Faces[1].StartTime, identification.Faces[1].EndTime));
        Assert.True(identification.Faces[1].AdditionalProperties!.ContainsKey("score"));
        Assert.Equal("0.1", identification.AdditionalProperties!["final_unit_deduction"].GetString());
    }

    [Fact]
    public async Task Identify_faces_writes_and_reads_its_answer_with_KlingJson_in_the_wire_format()
    {
        var (client, _) = Client(_ => Ok());
        var identification = await client.IdentifyFacesAsync(ById, Token);

        var json = KlingJson.Serialize(identification);
        var again = KlingJson.Deserialize<KlingFaceIdentification>(json);

        Assert.Contains("\"session_id\":\"sess-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"face_data\":[", json, StringComparison.Ordinal);
        Assert.Equal(identification.SessionId, again.SessionId);
        Assert.Equal(identification.Faces.Select(face => face.FaceId), again.Faces.Select(face => face.FaceId));
    }

    [Fact]
    public async Task Identify_faces_with_no_face_data_returns_an_empty_list()
    {
        var (client, _) = Client(_ => KindApi.Json("""{"code":0,"message":"SUCCEED","data":{"session_id":"s","face_data":null}}"""));

        var identification = await client.IdentifyFacesAsync(ById, Token);

        Assert.Empty(identification.Faces);
    }

    [Fact]
    public async Task Identify_faces_refuses_an_answer_without_a_session()
    {
        var (client, _) = Client(_ => KindApi.Json("""{"code":0,"message":"SUCCEED","data":{"face_data":[]}}"""));

        await Assert.ThrowsAsync<KlingApiException>(() => client.IdentifyFacesAsync(ById, Token));
    }

    [Fact]
    public async Task Identify_faces_turns_a_Kling_refusal_into_a_KlingApiException_and_does_not_resend_it()
    {
        var (client, handler) = Client(_ => KindApi.Json("""{"code":1201,"message":"video not found","request_id":"r-1"}""", HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.Equal((1201, "r-1"), (error.Code, error.RequestId));
        Assert.Single(handler.Requests);
    }

    // ---- sent once: resent only when it certainly never arrived ----

    [Fact]
    public async Task Identify_faces_is_sent_again_after_a_refused_connection_which_proves_nothing_arrived()
    {
        var (client, handler) = Client(attempt => attempt == 1 ? Refused() : Ok());

        var identification = await client.IdentifyFacesAsync(ById, Token);

        Assert.Equal("sess-1", identification.SessionId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Identify_faces_refused_on_every_attempt_stays_retryable_because_nothing_arrived()
    {
        var (client, handler) = Client(_ => Refused());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.True(error.IsRetryable);
        Assert.True(handler.Requests.Count > 1);
    }

    [Fact]
    public async Task Identify_faces_is_sent_again_after_a_1303_throttling_refusal()
    {
        var (client, handler) = Client(attempt => attempt == 1
            ? KindApi.Json("""{"code":1303,"message":"parallel task over resource pack limit"}""", HttpStatusCode.TooManyRequests)
            : Ok());

        await client.IdentifyFacesAsync(ById, Token);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Identify_faces_is_not_sent_again_after_a_5xx_which_may_have_been_processed_and_billed()
    {
        var (client, handler) = Client(_ => KindApi.Json("""{"code":5000,"message":"internal error"}""", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.Equal(5000, error.Code);
        Assert.False(error.IsRetryable, "A billed call that may have been processed is never \"retryable\": calling again may pay twice.");
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Identify_faces_is_not_sent_again_after_a_reset_connection()
    {
        var (client, handler) = Client(_ => throw new HttpRequestException("Connection reset by peer", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))));

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.False(error.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Identify_faces_is_not_sent_again_after_its_attempt_timed_out()
    {
        var calls = 0;
        var handler = new HangingHandler(() => Interlocked.Increment(ref calls));
        var client = new KlingClient(
            new HttpClient(handler),
            new KlingClientOptions { ApiKey = KindApi.Key, Resilience = { CreateAttemptTimeout = TimeSpan.FromMilliseconds(200), BaseDelay = TimeSpan.FromMilliseconds(1) } });

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.Contains("KlingResilienceOptions.CreateAttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("Identifying the faces of the video", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Identify_faces_stops_at_once_when_the_caller_cancels()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var handler = new HangingHandler(() =>
        {
            Interlocked.Increment(ref calls);
            cancel.CancelAfter(50);
        });
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = KindApi.Key });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.IdentifyFacesAsync(ById, cancel.Token));

        Assert.Equal(1, calls);
    }

    // ---- checked before sending ----

    [Fact]
    public async Task Identify_faces_rejects_neither_video_id_nor_video_url_and_sends_nothing()
    {
        var (client, handler) = Client(_ => Ok());

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(new IdentifyFacesRequest(), Token));

        Assert.Equal("video_id", Assert.Single(error.Errors).Path);
        Assert.Contains("video_id or video_url is required", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Identify_faces_rejects_both_video_id_and_video_url_naming_both()
    {
        var (client, handler) = Client(_ => Ok());

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(
            new IdentifyFacesRequest { VideoId = "v", VideoUrl = new Uri("https://example.com/v.mp4") }, Token));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("video_url", problem.Path);
        Assert.Contains("video_url cannot be combined with video_id", problem.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Identify_faces_rejects_a_blank_video_id_a_relative_or_ftp_url_and_a_repeated_extra_field()
    {
        var (client, handler) = Client(_ => Ok());

        var blank = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoId = " " }, Token));
        var relative = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoUrl = new Uri("talk.mp4", UriKind.Relative) }, Token));
        var ftp = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(new IdentifyFacesRequest { VideoUrl = new Uri("ftp://example.com/talk.mp4") }, Token));
        var repeated = await Assert.ThrowsAsync<KlingValidationException>(() => client.IdentifyFacesAsync(
            new IdentifyFacesRequest { VideoId = "v", AdditionalProperties = new Dictionary<string, JsonNode?> { ["video_id"] = "w" } }, Token));

        Assert.Contains("blank", Assert.Single(blank.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("relative", Assert.Single(relative.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("'ftp'", Assert.Single(ftp.Errors).Message, StringComparison.Ordinal);
        Assert.Equal("video_id", Assert.Single(repeated.Errors).Path);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Identify_faces_without_a_key_sends_nothing()
    {
        var handler = CapturingHandler.Json(Answer);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = " " });

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.IdentifyFacesAsync(ById, Token));

        Assert.Empty(handler.Requests);
    }

    /// <summary>Never answers: only the attempt timeout or the caller's token ends a request.</summary>
    private sealed class HangingHandler(Action onRequest) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onRequest();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
