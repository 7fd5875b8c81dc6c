using System.Net;
using System.Net.Sockets;
using CometApi.Kling.Http;
using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CometApi.Kling.Tests.Security;

/// <summary>
/// Transport failures keep the text that explains them (connection refused, name not resolved, TLS), but the key and
/// base64 image data never appear in the exception's message, its ToString(), any inner exception's message, or the
/// logs, even when a handler's exception quotes the request.
/// </summary>
public sealed class TransportFailureTextTests : IDisposable
{
    private const string Key = "sk-transport-canary-0c4e8a2f6b1d";
    private static readonly string ImageBase64 = Convert.ToBase64String(TestImages.Png(400, 400, totalLength: 3000));

    private readonly FakeLogCollector _logs = new();
    private readonly LoggerFactory _loggerFactory;

    public TransportFailureTextTests() => _loggerFactory = new LoggerFactory([new FakeLoggerProvider(_logs)]);

    public void Dispose() => _loggerFactory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private KlingClientOptions Options(Uri? baseAddress = null) => new()
    {
        ApiKey = Key,
        BaseAddress = baseAddress ?? new Uri("https://api.cometapi.com/"),
        LoggerFactory = _loggerFactory,
        Resilience = { MaxRetryAttempts = 0, AutoExternalTaskId = false },
    };

    private static ImageToVideoRequest Request() => new()
    {
        Image = KlingImage.FromBase64(ImageBase64),
        Prompt = "a cat turns its head",
    };

    public enum ApiCall
    {
        Create,
        Query,
    }

    private static Task<TaskResponse> Run(KlingClient client, ApiCall call) => call == ApiCall.Create
        ? client.CreateImageToVideoAsync(Request(), Token)
        : client.GetTaskAsync(KlingTaskKind.ImageToVideo, "2032273942220931072", Token);

    /// <summary>Every text the exception and the logs show: message, ToString(), every inner message, every log record.</summary>
    private string Everything(Exception error)
    {
        var texts = new List<string> { error.ToString() };
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            texts.Add(inner.Message);
            texts.Add(inner.ToString());
        }

        texts.AddRange(_logs.GetSnapshot().Select(record =>
            $"{record.Message} {record.Exception} {string.Join(",", record.StructuredState?.Select(pair => pair.Value) ?? [])}"));
        return string.Join("\n", texts);
    }

    private static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-0c4e8a2f", text, StringComparison.Ordinal);
        for (var i = 0; i + 32 <= ImageBase64.Length; i += 16)
        {
            Assert.DoesNotContain(ImageBase64.Substring(i, 32), text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ApiCall.Create)]
    [InlineData(ApiCall.Query)]
    public async Task Connection_refused_keeps_the_reason_and_shows_no_key(ApiCall call)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var client = new KlingClient(Options(new Uri($"http://127.0.0.1:{port}/")));

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Run(client, call));

        Assert.Contains("failed before a response arrived", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        var socket = Assert.IsType<SocketException>(error.InnerException?.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
        AssertNoSecrets(Everything(error));
    }

    [Theory]
    [InlineData(ApiCall.Create)]
    [InlineData(ApiCall.Query)]
    public async Task Tls_failure_keeps_the_reason_and_shows_no_key(ApiCall call)
    {
        // A plain-HTTP server spoken to over https: a real TLS handshake failure.
        await using var server = await LoopbackServer.StartAsync(IPAddress.Loopback);
        var client = new KlingClient(Options(new UriBuilder(server.BaseAddress) { Scheme = "https" }.Uri));

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Run(client, call));

        Assert.Contains("SSL", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        AssertNoSecrets(Everything(error));
    }

    [Fact]
    public async Task Dns_failure_keeps_its_original_exception_chain_for_diagnosis()
    {
        var original = new HttpRequestException(
            HttpRequestError.NameResolutionError, "Name or service not known (api.cometapi.invalid:443)", new SocketException((int)SocketError.HostNotFound));
        var client = new KlingClient(new HttpClient(new ThrowingHandler(original)), Options());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.Contains("Name or service not known (api.cometapi.invalid:443)", error.Message, StringComparison.Ordinal);
        Assert.Same(original, error.InnerException);
        AssertNoSecrets(Everything(error));
    }

    [Theory]
    [InlineData(ApiCall.Create)]
    [InlineData(ApiCall.Query)]
    public async Task Handler_exception_quoting_the_key_and_image_base64_is_redacted_but_keeps_its_kind(ApiCall call)
    {
        var original = new HttpRequestException(
            HttpRequestError.ConnectionError,
            $"proxy rejected 'Authorization: Bearer {Key}' with body {{\"image\":\"{ImageBase64}\"}}",
            new IOException($"write failed after {ImageBase64[..500]}", new SocketException((int)SocketError.ConnectionReset)));
        var client = new KlingClient(new HttpClient(new ThrowingHandler(original)), Options());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => Run(client, call));

        Assert.Contains("proxy rejected 'Authorization: Bearer [REDACTED]'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[REDACTED 500 base64 chars]", error.ToString(), StringComparison.Ordinal);
        var http = Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, http.HttpRequestError);
        var io = Assert.IsType<IOException>(http.InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
        AssertNoSecrets(Everything(error));
    }

    [Fact]
    public async Task Socket_exception_quoting_the_key_keeps_its_error_code_so_retries_still_see_it()
    {
        var socket = new SocketExceptionWithText(SocketError.ConnectionRefused, "refused by " + Key);
        var client = new KlingClient(new HttpClient(new ThrowingHandler(new HttpRequestException("connect failed", socket))), Options());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException?.InnerException).SocketErrorCode);
        Assert.True(KlingErrorClassifier.IsNotProcessed(error));
        AssertNoSecrets(Everything(error));
    }

    [Fact]
    public async Task Body_broken_mid_read_with_the_key_in_the_error_is_redacted()
    {
        var client = new KlingClient(
            new HttpClient(new AnsweringHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BrokenStream($"reset; request had Bearer {Key}")) })),
            Options());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.Contains("connection broke while the response was being read", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bearer [REDACTED]", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(Everything(error));
    }

    [Fact]
    public async Task Handler_timeout_quoting_the_key_is_redacted()
    {
        var client = new KlingClient(new HttpClient(new ThrowingHandler(new TaskCanceledException($"gave up waiting for Bearer {Key}"))), Options());

        var error = await Assert.ThrowsAsync<KlingConnectionException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.IsType<TimeoutException>(error.InnerException);
        AssertNoSecrets(Everything(error));
    }

    [Fact]
    public void Redactor_masks_the_key_and_base64_runs_but_keeps_ids_readable()
    {
        var redactor = new SecretRedactor(Key);
        var externalId = "kling-" + Guid.NewGuid().ToString("N");
        var text = $"task 2032273942220931072 / {externalId} / request 9ab376fc-9059-487f-9e2a-c9c89f1a344f / {Key} / {ImageBase64}";

        var redacted = redactor.Redact(text)!;

        Assert.Contains("2032273942220931072", redacted, StringComparison.Ordinal);
        Assert.Contains(externalId, redacted, StringComparison.Ordinal);
        Assert.Contains("9ab376fc-9059-487f-9e2a-c9c89f1a344f", redacted, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED {ImageBase64.Length} base64 chars]", redacted, StringComparison.Ordinal);
        AssertNoSecrets(redacted);
    }

    [Fact]
    public void Redactor_returns_a_clean_exception_unchanged()
    {
        var original = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Same(original, new SecretRedactor(Key).Sanitize(original));
    }

    [Fact]
    public void Redactor_keeps_the_type_name_and_stack_trace_of_an_unknown_exception_it_rebuilds()
    {
        Exception original;
        try
        {
            throw new InvalidOperationException("handler state: " + Key);
        }
        catch (InvalidOperationException ex)
        {
            original = ex;
        }

        var sanitized = new SecretRedactor(Key).Sanitize(original);

        Assert.Contains("System.InvalidOperationException: handler state: [REDACTED]", sanitized.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Redactor_keeps_the_type_name_and_stack_trace_of_an_unknown_exception_it_rebuilds), sanitized.ToString(), StringComparison.Ordinal);
        AssertNoSecrets(sanitized.ToString());
    }

    private sealed class ThrowingHandler(Exception error) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(error);
    }

    private sealed class AnsweringHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }

    private sealed class SocketExceptionWithText(SocketError error, string text) : SocketException((int)error)
    {
        public override string Message => text;
    }

    private sealed class BrokenStream(string message) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException(message);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException(message);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException(message);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
