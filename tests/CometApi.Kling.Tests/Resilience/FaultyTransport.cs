using System.Net;
using System.Net.Sockets;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>Transport faults the emulator cannot make itself, between the client and the emulator's handler.</summary>
internal enum TransportFault
{
    /// <summary>The connection is refused before anything is sent.</summary>
    Refused,

    /// <summary>The host name does not resolve.</summary>
    Dns,

    /// <summary>Nothing ever comes back (only the attempt timeout ends it).</summary>
    Hang,

    /// <summary>The request is processed, then the connection is reset halfway through the response body.</summary>
    ResetMidBody,

    /// <summary>The request is processed and answered with an unreadable <c>Retry-After</c> header.</summary>
    GarbageRetryAfter,
}

/// <summary>Sits in front of the emulator's handler and plays scripted transport faults by endpoint and call number.</summary>
internal sealed class FaultyTransport(HttpMessageHandler emulator) : DelegatingHandler(emulator)
{
    private readonly object _gate = new();
    private readonly Dictionary<KlingEmulatorEndpoint, int> _calls = [];
    private readonly Dictionary<(KlingEmulatorEndpoint, int), TransportFault> _script = [];

    /// <summary>Requests seen per endpoint (including faulted ones).</summary>
    public IReadOnlyDictionary<KlingEmulatorEndpoint, int> Calls => _calls;

    /// <summary>Any request carrying an Authorization header to a host other than the API's.</summary>
    public List<Uri> KeyedForeignRequests { get; } = [];

    public Uri? ApiHost { get; set; }

    public FaultyTransport Add(KlingEmulatorEndpoint endpoint, TransportFault fault, int onCall = 1)
    {
        _script[(endpoint, onCall)] = fault;
        return this;
    }

    public static KlingEmulatorEndpoint Classify(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        if (!uri.AbsolutePath.StartsWith("/kling/", StringComparison.Ordinal))
        {
            return KlingEmulatorEndpoint.Video;
        }

        if (request.Method == HttpMethod.Post)
        {
            return KlingEmulatorEndpoint.Create;
        }

        return uri.Query.Contains("external_task_id", StringComparison.Ordinal) ? KlingEmulatorEndpoint.QueryByExternalId
            : uri.Query.Contains("pageNum", StringComparison.Ordinal) ? KlingEmulatorEndpoint.List
            : KlingEmulatorEndpoint.Query;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = Classify(request);
        TransportFault? fault;
        lock (_gate)
        {
            var call = _calls[endpoint] = _calls.GetValueOrDefault(endpoint) + 1;
            fault = _script.TryGetValue((endpoint, call), out var scripted) ? scripted : null;
            if (request.Headers.Authorization is not null && ApiHost is not null && request.RequestUri!.Host != ApiHost.Host)
            {
                KeyedForeignRequests.Add(request.RequestUri);
            }
        }

        switch (fault)
        {
            case TransportFault.Refused:
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError, "Connection refused (kling-emulator.local:80)", new SocketException((int)SocketError.ConnectionRefused));
            case TransportFault.Dns:
                throw new HttpRequestException(
                    HttpRequestError.NameResolutionError, "Name or service not known (kling-emulator.local:80)", new SocketException((int)SocketError.HostNotFound));
            case TransportFault.Hang:
                await HangAsync(cancellationToken);
                throw new InvalidOperationException("unreachable");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (fault == TransportFault.ResetMidBody)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var content = new StreamContent(new ResettingStream(body));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
        }
        else if (fault == TransportFault.GarbageRetryAfter)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", "soon, maybe");
        }

        return response;
    }

    /// <summary>
    /// Never answers; ends only when the client cancels (its attempt timeout). Not <c>Task.Delay(Infinite, token)</c>:
    /// a canceled delay always resumes on another thread pool work item, which the virtual clock cannot see while it
    /// is queued; this resumes inline, inside the timer callback that canceled it.
    /// </summary>
    private static async Task HangAsync(CancellationToken cancellationToken)
    {
        var hung = new TaskCompletionSource();
        using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), hung))
        {
            await hung.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Gives the first half of the body, then fails as a reset connection does.</summary>
    private sealed class ResettingStream(byte[] body) : MemoryStream(body, 0, body.Length / 2)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
