using System.Net;
using System.Text;
using System.Text.Json;
using CometApi.Kling.Http;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests.Http;

/// <summary>
/// Every path of the response reader and the request sender, driven through <see cref="KlingClient"/> with literal
/// response bodies: both error envelopes, bodies that are not Kling JSON, redirects, oversized bodies, secret
/// redaction, transport failures, timeouts and caller cancellation.
/// </summary>
public class ErrorHandlingTests
{
    private const string ApiKey = "sk-test-secret";
    private const string TaskId = "867283741759111202";
    private const string TaskUrl = "https://api.example.test/kling/v1/videos/image2video/" + TaskId;
    private const string CreateUrl = "https://api.example.test/kling/v1/videos/image2video";
    private const string ListUrl = "https://api.example.test/kling/v1/videos/image2video?pageNum=1&pageSize=30";

    private const string CometInvalidRequestBody =
        """{"error":{"message":"model name is required (request id: 2025abc)","type":"comet_api_error","param":"","code":"invalid_request"}}""";

    private const string ValidTaskBody =
        """{"code":0,"message":"SUCCEED","request_id":"r-ok","data":{"task_id":"867283741759111202","task_status":"processing","created_at":1777385361501,"updated_at":1777385363321}}""";

    private static readonly Uri BaseAddress = new("https://api.example.test/");

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    // ---------------------------------------------------------------- Kling envelope {code, message, request_id}

    [Fact]
    public async Task Query_maps_429_with_code_1102_to_non_retryable_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.TooManyRequests,
            """{"code":1102,"message":"resource pack exhausted","request_id":"9984d27b-1102"}""");

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(1102, ex.Code);
        Assert.Equal("resource pack exhausted", ex.ServerMessage);
        Assert.Equal("9984d27b-1102", ex.RequestId);
        Assert.Null(ex.GatewayErrorType);
        Assert.Null(ex.GatewayErrorCode);
        Assert.Contains("1102", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resource pack is used up or expired", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resource pack exhausted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("9984d27b-1102", ex.Message, StringComparison.Ordinal);
        Assert.Contains("will not help", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1302, "requests are too fast")]
    [InlineData(1303, "too many tasks run in parallel")]
    public async Task Query_maps_429_throttling_codes_to_retryable_exception(int code, string meaning)
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.TooManyRequests,
            $$"""{"code":{{code}},"message":"parallel task over resource pack limit","request_id":"9984d27b-aaaa"}""");

        Assert.True(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal("parallel task over resource pack limit", ex.ServerMessage);
        Assert.Equal("9984d27b-aaaa", ex.RequestId);
        Assert.Contains(meaning, ex.Message, StringComparison.Ordinal);
        Assert.Contains("may succeed if retried", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1100, "account exception")]
    [InlineData(1101, "in arrears")]
    [InlineData(1102, "resource pack is used up")]
    [InlineData(1304, "IP allow-list")]
    public async Task Query_maps_429_account_and_billing_codes_to_non_retryable_exception(int code, string meaning)
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.TooManyRequests,
            $$"""{"code":{{code}},"message":"account problem","request_id":"r-{{code}}"}""");

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal($"r-{code}", ex.RequestId);
        Assert.Contains(meaning, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, 1000, false, "authentication failed")]
    [InlineData(401, 1001, false, "Authorization header is empty")]
    [InlineData(403, 1103, false, "no permission")]
    [InlineData(400, 1200, false, "invalid request parameters")]
    [InlineData(400, 1201, false, "invalid parameter")]
    [InlineData(404, 1203, false, "does not exist")]
    [InlineData(400, 1301, false, "content safety policy")]
    [InlineData(500, 5000, true, "internal server error")]
    [InlineData(503, 5001, true, "temporarily unavailable")]
    [InlineData(504, 5002, true, "internal timeout")]
    public async Task Query_maps_kling_code_table_to_retryability_and_meaning(int status, int code, bool retryable, string meaning)
    {
        var ex = await QueryFailsWith(
            (HttpStatusCode)status,
            $$"""{"code":{{code}},"message":"server says no","request_id":"req-{{code}}"}""");

        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal("server says no", ex.ServerMessage);
        Assert.Equal($"req-{code}", ex.RequestId);
        Assert.Contains(meaning, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"HTTP {status}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_401_with_code_1000_to_non_retryable_authentication_error()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.Unauthorized,
            """{"code":1000,"message":"Authentication failed","request_id":"r-auth"}""");

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(1000, ex.Code);
        Assert.Equal("Authentication failed", ex.ServerMessage);
        Assert.Equal("r-auth", ex.RequestId);
        Assert.Contains("check the API key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_maps_400_with_code_1201_to_non_retryable_exception_naming_the_parameter()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Respond(
            HttpStatusCode.BadRequest,
            "application/json",
            """{"code":1201,"message":"model_name value 'kling-v9' is invalid","request_id":"r-1201"}""");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(1201, ex.Code);
        Assert.Equal("model_name value 'kling-v9' is invalid", ex.ServerMessage);
        Assert.Equal("r-1201", ex.RequestId);
        Assert.Contains("Creating the image-to-video task", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model_name value 'kling-v9' is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_500_with_code_5000_to_retryable_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.InternalServerError,
            """{"code":5000,"message":"internal error","request_id":"r-5000"}""");

        Assert.True(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(5000, ex.Code);
        Assert.Equal("internal error", ex.ServerMessage);
        Assert.Equal("r-5000", ex.RequestId);
    }

    [Fact]
    public async Task Query_reads_kling_code_sent_as_string_in_error_body()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.TooManyRequests,
            """{"code":"1303","message":"parallel task over resource pack limit","request_id":"r-s"}""");

        Assert.Equal(1303, ex.Code);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task Query_takes_body_code_over_http_status_for_retryability()
    {
        // HTTP 500 would be retryable on its own, but Kling code 1201 says the request itself is wrong.
        var ex = await QueryFailsWith(
            HttpStatusCode.InternalServerError,
            """{"code":1201,"message":"invalid value","request_id":"r-x"}""");

        Assert.Equal(1201, ex.Code);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Query_without_code_in_kling_envelope_falls_back_to_http_status()
    {
        var ex = await QueryFailsWith(HttpStatusCode.ServiceUnavailable, """{"message":"upstream unavailable"}""");

        Assert.Null(ex.Code);
        Assert.Equal("upstream unavailable", ex.ServerMessage);
        Assert.True(ex.IsRetryable);
    }

    // ---------------------------------------------------------------- CometAPI envelope {error:{message,type,param,code}}

    [Fact]
    public async Task Query_maps_cometapi_400_invalid_request_to_non_retryable_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.BadRequest, CometInvalidRequestBody);

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.Equal("comet_api_error", ex.GatewayErrorType);
        Assert.Equal("invalid_request", ex.GatewayErrorCode);
        Assert.Equal("model name is required (request id: 2025abc)", ex.ServerMessage);
        Assert.Equal("2025abc", ex.RequestId);
        Assert.Contains("model name is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("comet_api_error", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_cometapi_500_invalid_request_to_non_retryable_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.InternalServerError, CometInvalidRequestBody);

        Assert.False(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.Equal("comet_api_error", ex.GatewayErrorType);
        Assert.Equal("invalid_request", ex.GatewayErrorCode);
        Assert.Equal("2025abc", ex.RequestId);
        Assert.Contains("will not help", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "")]
    [InlineData(503, "")]
    [InlineData(504, "")]
    [InlineData(524, "")]
    [InlineData(500, "upstream_error")]
    [InlineData(503, "service_unavailable")]
    public async Task Query_maps_cometapi_server_errors_to_retryable_exception(int status, string errorCode)
    {
        var ex = await QueryFailsWith(
            (HttpStatusCode)status,
            $$$"""{"error":{"message":"upstream failed (request id: 2025xyz)","type":"comet_api_error","param":"","code":"{{{errorCode}}}"}}""");

        Assert.True(ex.IsRetryable);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.Equal("comet_api_error", ex.GatewayErrorType);
        Assert.Equal(errorCode, ex.GatewayErrorCode);
        Assert.Equal("upstream failed (request id: 2025xyz)", ex.ServerMessage);
        Assert.Equal("2025xyz", ex.RequestId);
        Assert.Contains("may succeed if retried", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(429, true)]
    public async Task Query_maps_cometapi_client_errors_by_http_status(int status, bool retryable)
    {
        var ex = await QueryFailsWith(
            (HttpStatusCode)status,
            """{"error":{"message":"denied (request id: 2025q)","type":"comet_api_error","param":"","code":""}}""");

        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("2025q", ex.RequestId);
    }

    [Fact]
    public async Task Query_prefers_top_level_request_id_of_cometapi_envelope()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.BadRequest,
            """{"request_id":"top-level-id","error":{"message":"bad (request id: inner-id)","type":"comet_api_error","param":"","code":"invalid_request"}}""");

        Assert.Equal("top-level-id", ex.RequestId);
    }

    [Fact]
    public async Task Query_leaves_request_id_null_when_cometapi_message_has_none()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.BadRequest,
            """{"error":{"message":"model name is required","type":"comet_api_error","param":"","code":"invalid_request"}}""");

        Assert.Null(ex.RequestId);
        Assert.Equal("model name is required", ex.ServerMessage);
    }

    // ---------------------------------------------------------------- HTTP 200 with a non-zero code

    [Fact]
    public async Task Query_maps_200_with_nonzero_code_to_api_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.OK,
            """{"code":1201,"message":"task_id is invalid","request_id":"r-200","data":null}""");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(1201, ex.Code);
        Assert.Equal("task_id is invalid", ex.ServerMessage);
        Assert.Equal("r-200", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1201", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_maps_200_with_code_1303_to_retryable_api_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Respond(
            HttpStatusCode.OK,
            "application/json",
            """{"code":1303,"message":"parallel task over resource pack limit","request_id":"r-1303","data":{"task_id":"1"}}""");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(1303, ex.Code);
        Assert.True(ex.IsRetryable);
        Assert.Equal("r-1303", ex.RequestId);
    }

    [Fact]
    public async Task List_maps_200_with_nonzero_code_to_api_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, ListUrl).Respond(
            HttpStatusCode.OK, "application/json", """{"code":1202,"message":"method invalid","request_id":"r-l"}""");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(async () => await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken).ToListAsync(TestToken));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(1202, ex.Code);
        Assert.False(ex.IsRetryable);
    }

    // ---------------------------------------------------------------- HTML pages and other non-JSON bodies

    [Fact]
    public async Task Query_maps_html_404_page_to_exception_pointing_at_base_address()
    {
        const string html = """
            <!DOCTYPE html>
            <html>
              <head><meta charset="utf-8"><title>404 Not Found</title></head>
              <body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body>
            </html>
            """;

        var ex = await QueryFailsWith(HttpStatusCode.NotFound, html, "text/html");

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.False(ex.IsRetryable);
        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<body>", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Query_recognises_html_without_html_content_type()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.NotFound, "  <html><head><title>Page missing</title></head><body></body></html>", "text/plain");

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Page missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_html_page_on_200_to_exception_pointing_at_base_address()
    {
        // A base address pointing at a website (not the API) typically answers 200 with its home page.
        var ex = await QueryFailsWith(
            HttpStatusCode.OK,
            "<!doctype html><html><head><title>CometAPI - One API for all models</title></head><body>Welcome</body></html>",
            "text/html");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CometAPI - One API for all models", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_excerpts_huge_html_page_with_title()
    {
        var html = new StringBuilder("<html><head><title>Gateway error</title></head><body>");
        for (var i = 0; i < 50_000; i++)
        {
            html.Append("<p>Lorem ipsum dolor sit amet</p>\n");
        }

        html.Append("</body></html>");

        var ex = await QueryFailsWith(HttpStatusCode.NotFound, html.ToString(), "text/html");

        Assert.Contains("Gateway error", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Lorem ipsum", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1000, $"Message is {ex.Message.Length} chars long.");
    }

    [Fact]
    public async Task Query_excerpts_huge_html_page_without_title()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 50_000; i++)
        {
            html.Append("<div>Lorem ipsum dolor sit amet</div>\n");
        }

        html.Append("</body></html>");

        var ex = await QueryFailsWith(HttpStatusCode.NotFound, html.ToString(), "text/html");

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<html><body><div>Lorem ipsum", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1000, $"Message is {ex.Message.Length} chars long.");
    }

    [Fact]
    public async Task Query_keeps_message_short_for_html_page_with_huge_title()
    {
        var html = "<html><head><title>" + new string('T', 200_000) + "</title></head><body></body></html>";

        var ex = await QueryFailsWith(HttpStatusCode.NotFound, html, "text/html");

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1000, $"Message is {ex.Message.Length} chars long.");
    }

    [Fact]
    public async Task Query_handles_html_page_that_never_closes_its_title_tag()
    {
        var html = "<html>" + string.Concat(Enumerable.Repeat("<title", 300_000));

        var ex = await QueryFailsWith(HttpStatusCode.NotFound, html, "text/html");

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1000, $"Message is {ex.Message.Length} chars long.");
    }

    [Fact]
    public async Task Query_maps_plain_text_error_body_to_exception_with_excerpt()
    {
        var ex = await QueryFailsWith(HttpStatusCode.BadGateway, "upstream connect error or disconnect/reset before headers", "text/plain");

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.True(ex.IsRetryable);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text/plain", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upstream connect error or disconnect/reset before headers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_plain_text_400_to_non_retryable_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.BadRequest, "Bad Request", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("Bad Request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_excerpts_huge_plain_text_body()
    {
        var ex = await QueryFailsWith(HttpStatusCode.InternalServerError, new string('x', 1_000_000), "text/plain");

        Assert.True(ex.IsRetryable);
        Assert.True(ex.Message.Length < 1000, $"Message is {ex.Message.Length} chars long.");
    }

    [Fact]
    public async Task Query_maps_plain_text_200_to_retryable_exception_not_json_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, "OK", "text/plain");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_empty_502_body_to_retryable_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new ByteArrayContent([]),
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.True(ex.IsRetryable);
        Assert.Contains("empty body", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task Query_maps_empty_200_body_to_retryable_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, string.Empty);

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("empty body", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_malformed_json_on_200_to_retryable_api_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.OK,
            """{"code":0,"message":"SUCCEED","data":{"task_id":"867283741759111202","task_status":"proc""");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.Code);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("""{"code":0,"message":"SUCCEED","data":{"task_id":["867283741759111202"]}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":{"value":"processing"}}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","data":{"task_id":"1","created_at":"yesterday"}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","data":{"task_id":"1","created_at":99999999999999999}}""")]
    [InlineData("""{"code":"zero","message":"SUCCEED","data":{"task_id":"1"}}""")]
    [InlineData("""{"code":0.5,"message":"SUCCEED","data":{"task_id":"1"}}""")]
    [InlineData("""{"code":0,"data":{"task_id":"1","task_result":{"videos":{"url":"https://x.test/a.mp4"}}}}""")]
    [InlineData("""[{"code":0}]""")]
    [InlineData("42")]
    [InlineData("\"SUCCEED\"")]
    public async Task Query_maps_wrongly_shaped_json_on_200_to_api_exception(string body)
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, body);

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task Query_maps_invalid_utf8_on_200_to_api_exception()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"code":0,"message":"SUCC""");
        var suffix = Encoding.UTF8.GetBytes("""EED","data":{"task_id":"1"}}""");
        byte[] body = [.. prefix, 0xFF, 0xFE, .. suffix];

        var ex = await QueryFailsWith(HttpStatusCode.OK, body);

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task Query_maps_invalid_utf8_in_error_body_to_api_exception()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"code":1201,"message":"bad """);
        var suffix = Encoding.UTF8.GetBytes("""value","request_id":"r"}""");
        byte[] body = [.. prefix, 0xC3, 0x28, .. suffix];

        var ex = await QueryFailsWith(HttpStatusCode.BadRequest, body);

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Query_maps_lone_surrogate_escape_in_error_body_to_api_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.BadRequest, """{"code":1201,"message":"bad \ud800 value","request_id":"r-sur"}""");

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Query_maps_lone_surrogate_escape_on_200_to_api_exception()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.OK, """{"code":0,"message":"bad \ud800 value","data":{"task_id":"1"}}""");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task Query_accepts_utf8_byte_order_mark()
    {
        using var mockHttp = new MockHttpMessageHandler();
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ValidTaskBody)];
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => JsonResponse(HttpStatusCode.OK, body));
        var client = CreateClient(mockHttp);

        var response = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken);

        Assert.Equal(TaskId, response.Data.TaskId);
    }

    [Fact]
    public async Task Query_maps_json_null_on_200_to_retryable_api_exception()
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, "null");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata"}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata","data":null}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata","data":{}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata","data":{"task_status":"submitted","created_at":1773366840306}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata","data":{"task_id":"","task_status":"submitted"}}""")]
    [InlineData("""{"code":0,"message":"SUCCEED","request_id":"r-nodata","data":{"task_id":null,"task_status":"submitted"}}""")]
    public async Task Query_maps_code_0_without_task_id_to_api_exception(string body)
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, body);

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(0, ex.Code);
        Assert.Equal("r-nodata", ex.RequestId);
        Assert.Equal("SUCCEED", ex.ServerMessage);
        Assert.Contains("no task data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("r-nodata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_maps_code_0_without_data_to_api_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Respond(HttpStatusCode.OK, "application/json", """{"code":0,"message":"success"}""");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.Equal(0, ex.Code);
        Assert.Null(ex.RequestId);
        Assert.Contains("no task data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("request id: none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_reads_code_0_with_null_data_as_an_empty_page()
    {
        // Gateways written in Go marshal an empty slice as null: that is an empty account, not an error.
        using var mockHttp = new MockHttpMessageHandler();
        var page = mockHttp.When(HttpMethod.Get, ListUrl).Respond(
            HttpStatusCode.OK, "application/json", """{"code":0,"message":"SUCCEED","request_id":"r-l","data":null}""");
        var client = CreateClient(mockHttp);

        var tasks = await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken).ToListAsync(TestToken);

        Assert.Empty(tasks);
        Assert.Equal(1, mockHttp.GetMatchCount(page));
    }

    [Fact]
    public async Task Query_reads_a_null_status_and_numeric_ids_instead_of_failing()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, "https://api.example.test/kling/v1/videos/image2video/7").Respond(
            HttpStatusCode.OK, "application/json",
            """{"code":0,"message":"SUCCEED","request_id":12345,"data":{"task_id":7,"task_status":null,"task_info":{"external_task_id":42}}}""");
        var client = CreateClient(mockHttp);

        var task = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "7", TestToken);

        Assert.Equal("12345", task.RequestId);
        Assert.Equal("42", task.Data.TaskInfo?.ExternalTaskId);
        Assert.Equal(string.Empty, task.Data.TaskStatus.ToString());
        Assert.False(task.Data.TaskStatus.IsTerminal);
    }

    [Fact]
    public async Task Html_on_200_is_not_retryable_because_it_is_a_wrong_address()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, ListUrl).Respond(HttpStatusCode.OK, "text/html", "<html><title>Welcome</title></html>");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(async () => await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken).ToListAsync(TestToken));

        Assert.False(ex.IsRetryable);
        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_server_messages_are_capped_and_every_server_field_is_redacted()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var longMessage = new string('x', 5000);
        mockHttp.When(HttpMethod.Get, ListUrl).Respond(
            HttpStatusCode.BadRequest, "application/json",
            "{\"error\":{\"message\":\"" + longMessage + "\",\"type\":\"t-" + ApiKey + "\",\"code\":\"c-" + ApiKey + "\"},\"request_id\":\"r-" + ApiKey + "\"}");
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(async () => await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken).ToListAsync(TestToken));

        Assert.True(ex.Message.Length < 2000, $"message is {ex.Message.Length} chars");
        Assert.DoesNotContain(ApiKey, ex.GatewayErrorType!, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, ex.GatewayErrorCode!, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, ex.RequestId!, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- redirects

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task Query_maps_redirect_to_exception_pointing_at_base_address(HttpStatusCode status)
    {
        using var mockHttp = new MockHttpMessageHandler();
        var request = mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent("<html><body>Moved</body></html>", Encoding.UTF8, "text/html"),
            };
            response.Headers.Location = new Uri("https://www.example.test/docs/kling");
            return response;
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Equal(status, ex.StatusCode);
        Assert.Null(ex.Code);
        Assert.False(ex.IsRetryable);
        Assert.Contains("redirect", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"HTTP {(int)status}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https://www.example.test/docs/kling", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, mockHttp.GetMatchCount(request));
    }

    [Fact]
    public async Task Create_maps_301_without_location_to_redirect_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Respond(HttpStatusCode.MovedPermanently);
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.Equal(HttpStatusCode.MovedPermanently, ex.StatusCode);
        Assert.Contains("redirect", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- oversized bodies

    [Fact]
    public async Task Query_rejects_body_declared_larger_than_8_MiB()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(
            _ => JsonResponse(HttpStatusCode.OK, new byte[KlingResponseReader.MaxBodyBytes + 1]));
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("8 MiB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_stops_reading_endless_body_of_unknown_length_after_8_MiB()
    {
        var stream = new EndlessStream((byte)' ');
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(stream),
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Contains("8 MiB", ex.Message, StringComparison.Ordinal);
        Assert.InRange(stream.BytesRead, KlingResponseReader.MaxBodyBytes, KlingResponseReader.MaxBodyBytes + (1024 * 1024));
    }

    [Fact]
    public async Task Query_rejects_error_body_of_unknown_length_over_8_MiB()
    {
        var stream = new EndlessStream((byte)'<');
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StreamContent(stream),
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("8 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_accepts_body_of_exactly_8_MiB()
    {
        var json = Encoding.UTF8.GetBytes(ValidTaskBody);
        var body = new byte[KlingResponseReader.MaxBodyBytes];
        json.CopyTo(body, 0);
        body.AsSpan(json.Length).Fill((byte)' ');
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new NonSeekableStream(body)),
        });
        var client = CreateClient(mockHttp);

        var response = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken);

        Assert.Equal(TaskId, response.Data.TaskId);
    }

    // ---------------------------------------------------------------- secrets echoed by the server

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_kling_envelope()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.Unauthorized,
            """{"code":1002,"message":"Authorization Bearer sk-test-secret is invalid","request_id":"r-key"}""");

        AssertRedacted(ex);
        Assert.Equal("Authorization Bearer [REDACTED] is invalid", ex.ServerMessage);
        Assert.Equal(1002, ex.Code);
    }

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_cometapi_envelope()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.Unauthorized,
            """{"error":{"message":"invalid token sk-test-secret (request id: 2025key)","type":"comet_api_error","param":"","code":"invalid_api_key"}}""");

        AssertRedacted(ex);
        Assert.Equal("invalid token [REDACTED] (request id: 2025key)", ex.ServerMessage);
        Assert.Equal("2025key", ex.RequestId);
    }

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_200_envelope_with_nonzero_code()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.OK,
            """{"code":1000,"message":"key sk-test-secret rejected","request_id":"r"}""");

        AssertRedacted(ex);
        Assert.Equal("key [REDACTED] rejected", ex.ServerMessage);
    }

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_200_envelope_without_data()
    {
        var ex = await QueryFailsWith(HttpStatusCode.OK, """{"code":0,"message":"hello sk-test-secret"}""");

        AssertRedacted(ex);
        Assert.Equal("hello [REDACTED]", ex.ServerMessage);
    }

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_html_title()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.Forbidden,
            "<html><head><title>Forbidden for sk-test-secret</title></head><body>sk-test-secret</body></html>",
            "text/html");

        AssertRedacted(ex);
        Assert.Contains("Forbidden for [REDACTED]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_redacts_api_key_echoed_in_html_without_title()
    {
        var ex = await QueryFailsWith(
            HttpStatusCode.Forbidden,
            "<html><body><p>Your key sk-test-secret is blocked</p></body></html>",
            "text/html");

        AssertRedacted(ex);
        Assert.Contains("[REDACTED]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.OK)]
    public async Task Query_redacts_api_key_echoed_in_plain_text_body(HttpStatusCode status)
    {
        var ex = await QueryFailsWith(status, "Authorization: Bearer sk-test-secret was rejected", "text/plain");

        AssertRedacted(ex);
        Assert.Contains("Authorization: Bearer [REDACTED] was rejected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_redacts_api_key_in_plain_text_body_after_whitespace_padding()
    {
        // The excerpt collapses whitespace; the key must not survive even when it sits beyond the first few hundred bytes.
        var ex = await QueryFailsWith(
            HttpStatusCode.BadRequest, new string(' ', 790) + "sk-test-secret rejected", "text/plain");

        AssertRedacted(ex);
    }

    // ---------------------------------------------------------------- transport failures, timeouts, cancellation

    [Fact]
    public async Task Query_maps_http_request_exception_to_retryable_connection_exception()
    {
        var cause = new HttpRequestException("Connection refused (api.example.test:443)");
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Throw(cause);
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.True(ex.IsRetryable);
        Assert.Same(cause, ex.InnerException);
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains(TaskId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_maps_http_request_exception_to_connection_exception()
    {
        var cause = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known");
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Throw(cause);
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingConnectionException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.True(ex.IsRetryable);
        Assert.Same(cause, ex.InnerException);
    }

    [Fact]
    public async Task Query_maps_connection_reset_while_reading_body_to_connection_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new FailingStream(new IOException("Connection reset by peer"))),
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.True(ex.IsRetryable);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Contains("Connection reset by peer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_maps_http_client_timeout_to_connection_exception_with_timeout_inner()
    {
        using var handler = new HangingHandler();
        using var httpClient = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(50) };
        var client = new KlingClient(httpClient, Options());

        var ex = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.True(ex.IsRetryable);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HttpClient.Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Create_without_an_external_id_cut_by_http_client_timeout_is_ambiguous_wrapping_the_timeout()
    {
        // The body went out: the task may exist, and without an external id it cannot be looked up.
        using var handler = new HangingHandler();
        using var httpClient = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(50) };
        var client = new KlingClient(httpClient, Options());

        var ex = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => client.CreateImageToVideoAsync(NewRequest(), TestToken));

        Assert.False(ex.IsRetryable);
        var timeout = Assert.IsType<KlingConnectionException>(ex.InnerException);
        Assert.IsType<TimeoutException>(timeout.InnerException);
    }

    [Fact]
    public async Task Query_maps_mockhttp_delayed_response_past_timeout_to_connection_exception()
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(async () =>
        {
            await Task.Delay(5000, TestToken);
            return JsonResponse(HttpStatusCode.OK, Encoding.UTF8.GetBytes(ValidTaskBody));
        });
        using var httpClient = mockHttp.ToHttpClient();
        httpClient.Timeout = TimeSpan.FromMilliseconds(50);
        var client = new KlingClient(httpClient, Options());

        var ex = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.IsType<TimeoutException>(ex.InnerException);
    }

    [Fact]
    public async Task Query_with_precancelled_token_throws_operation_canceled_and_sends_nothing()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var request = mockHttp.When(HttpMethod.Get, TaskUrl).Respond(HttpStatusCode.OK, "application/json", ValidTaskBody);
        var client = CreateClient(mockHttp);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(0, mockHttp.GetMatchCount(request));
    }

    [Fact]
    public async Task Create_with_precancelled_token_throws_operation_canceled_and_sends_nothing()
    {
        using var handler = new CountingHandler();
        using var httpClient = new HttpClient(handler);
        var client = new KlingClient(httpClient, Options());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateImageToVideoAsync(NewRequest(), cts.Token));

        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task List_with_precancelled_token_throws_operation_canceled_and_sends_nothing()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var request = mockHttp.When(HttpMethod.Get, ListUrl).Respond(HttpStatusCode.OK, "application/json", """{"code":0,"data":[]}""");
        var client = CreateClient(mockHttp);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, 30, cts.Token))
            {
                Assert.Fail($"Unexpected task {task.Data.TaskId}");
            }
        });

        Assert.Equal(0, mockHttp.GetMatchCount(request));
    }

    [Fact]
    public async Task Query_cancelled_while_waiting_for_response_throws_operation_canceled_not_connection_exception()
    {
        using var handler = new HangingHandler();
        using var httpClient = new HttpClient(handler);
        var client = new KlingClient(httpClient, Options());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        var call = client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, cts.Token);
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestToken);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Query_cancelled_during_call_wins_over_long_http_client_timeout()
    {
        using var handler = new HangingHandler();
        using var httpClient = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        var client = new KlingClient(httpClient, Options());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        var ex = await Record.ExceptionAsync(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.IsNotAssignableFrom<KlingException>(ex);
    }

    [Fact]
    public async Task Query_cancelled_while_reading_body_throws_operation_canceled()
    {
        var stream = new HangingStream();
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(stream),
        });
        var client = CreateClient(mockHttp);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        var call = client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, cts.Token);
        await stream.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestToken);
        await cts.CancelAsync();

        var ex = await Record.ExceptionAsync(() => call);
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.IsNotAssignableFrom<KlingException>(ex);
    }

    // ---------------------------------------------------------------- helpers

    // These tests map one response each to an exception: retries are tested in Resilience/, so they are off here.
    private static KlingClientOptions Options() => new() { ApiKey = ApiKey, BaseAddress = BaseAddress, Resilience = { MaxRetryAttempts = 0, AutoExternalTaskId = false } };

    private static KlingClient CreateClient(MockHttpMessageHandler mockHttp) => new(mockHttp.ToHttpClient(), Options());

    private static ImageToVideoRequest NewRequest() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://images.example.test/cat.png")),
        Prompt = "a cat walks",
    };

    private static Task<KlingApiException> QueryFailsWith(HttpStatusCode status, string body, string mediaType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return QueryFailsWith(status, bytes, mediaType);
    }

    private static async Task<KlingApiException> QueryFailsWith(HttpStatusCode status, byte[] body, string mediaType = "application/json")
    {
        using var mockHttp = new MockHttpMessageHandler();
        var request = mockHttp.When(HttpMethod.Get, TaskUrl).Respond(_ =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            return new HttpResponseMessage(status) { Content = content };
        });
        var client = CreateClient(mockHttp);

        var ex = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, TaskId, TestToken));

        Assert.Equal(1, mockHttp.GetMatchCount(request));
        return ex;
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    private static void AssertRedacted(KlingApiException ex)
    {
        Assert.DoesNotContain(ApiKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, ex.ServerMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Never answers until the request is cancelled (by the caller or by <see cref="HttpClient.Timeout"/>).</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Counts requests and answers each with a valid task.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(JsonResponse(HttpStatusCode.OK, Encoding.UTF8.GetBytes(ValidTaskBody)));
        }
    }

    /// <summary>A read-only, non-seekable stream (so its length is unknown to HttpClient).</summary>
    private abstract class ReadOnlyTestStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Produces the same byte forever and counts what was read.</summary>
    private sealed class EndlessStream(byte fill) : ReadOnlyTestStream
    {
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(fill);
            Interlocked.Add(ref _bytesRead, count);
            return count;
        }
    }

    /// <summary>Serves a fixed body without telling its length.</summary>
    private sealed class NonSeekableStream(byte[] body) : ReadOnlyTestStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, body.Length - _position);
            Array.Copy(body, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    /// <summary>Breaks on the first read, like a connection reset in the middle of the body.</summary>
    private sealed class FailingStream(Exception failure) : ReadOnlyTestStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw failure;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(failure);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure);
    }

    /// <summary>Never delivers a byte until the read is cancelled.</summary>
    private sealed class HangingStream : ReadOnlyTestStream
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
