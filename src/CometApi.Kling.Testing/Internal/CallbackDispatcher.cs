using System.Net.Http.Headers;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// POSTs callbacks in the background, one task's callbacks strictly in order (the chain per task), and records each
/// attempt. A failed delivery is recorded, never thrown and never retried: the docs promise nothing more.
/// </summary>
internal sealed class CallbackDispatcher : IDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<KlingEmulatorCallbackDelivery> _deliveries = [];
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public CallbackDispatcher(HttpMessageHandler? handler)
    {
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
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
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
