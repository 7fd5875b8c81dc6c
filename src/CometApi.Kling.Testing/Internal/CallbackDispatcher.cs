using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// POSTs callbacks in the background, one task's callbacks strictly in order (the chain per task), and records each
/// attempt. A failed delivery is recorded, never thrown and never retried: the docs promise nothing more. With webhook
/// secrets, each delivery is signed as Kling signs callbacks (kling-catalogue §8, the Standard Webhooks scheme), by this
/// class's own code so a verifier in the SDK is tested against an independent signer.
/// </summary>
internal sealed class CallbackDispatcher : IDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<KlingEmulatorCallbackDelivery> _deliveries = [];
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<byte[]> _webhookKeys;

    // webhook-id: digits like Kling's, unique per delivery (a random start, then counted up).
    private long _nextWebhookId = Random.Shared.NextInt64(1_000_000_000_000_000_000, 2_000_000_000_000_000_000);
    private int _inFlight;
    private TaskCompletionSource? _idle;

    /// <param name="handler">Sends the callbacks; null means a real <see cref="HttpClient"/>.</param>
    /// <param name="timeProvider">The emulator's clock, for <c>webhook-timestamp</c>.</param>
    /// <param name="webhookKeys">The decoded webhook secrets; empty means unsigned callbacks.</param>
    public CallbackDispatcher(HttpMessageHandler? handler, TimeProvider timeProvider, IReadOnlyList<byte[]> webhookKeys)
    {
        _timeProvider = timeProvider;
        _webhookKeys = webhookKeys;
        // Real time on purpose: a receiver that hangs must not hang a test whose fake clock never moves.
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = DeliveryTimeout;
    }

    public IReadOnlyList<KlingEmulatorCallbackDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Queues a delivery after the task's previous ones. Never runs it inline, so callers may hold locks.</summary>
    public void Enqueue(EmulatedTask task, Uri url, KlingTaskStatus status, DateTimeOffset changedAt, byte[] body)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _inFlight++;
            task.DeliveryChain = task.DeliveryChain.ContinueWith(
                _ => DeliverAsync(task.TaskId, url, status, changedAt, body),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>webhook-signature</c> value: <c>v1,&lt;base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))&gt;</c> per key,
    /// separated by spaces.
    /// </summary>
    public static string Sign(IEnumerable<byte[]> keys, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{webhookId}.{timestamp}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return string.Join(' ', keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed))));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(string taskId, Uri url, KlingTaskStatus status, DateTimeOffset changedAt, byte[] body)
    {
        int? responseStatus = null;
        string? error = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            headers["Content-Type"] = "application/json";
            if (_webhookKeys.Count > 0)
            {
                // Stamped when the delivery is made, as Kling does, so a receiver's ±5 min window is checked against it.
                var id = Interlocked.Increment(ref _nextWebhookId).ToString(CultureInfo.InvariantCulture);
                var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
                headers["webhook-id"] = id;
                headers["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture);
                headers["webhook-signature"] = Sign(_webhookKeys, id, timestamp, body);
                foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal)))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _client.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            responseStatus = (int)response.StatusCode;
        }
#pragma warning disable CA1031 // Whatever the receiver does, the failure is data for the test, not an exception in the emulator.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            lock (_gate)
            {
                _deliveries.Add(new KlingEmulatorCallbackDelivery
                {
                    TaskId = taskId,
                    Status = status,
                    Url = url,
                    Body = System.Text.Encoding.UTF8.GetString(body),
                    ChangedAt = changedAt,
                    Headers = headers,
                    ResponseStatusCode = responseStatus,
                    Error = error,
                });
                if (--_inFlight == 0 && _idle is { } idle)
                {
                    _idle = null;
                    idle.TrySetResult();
                }
            }
        }
    }
}
