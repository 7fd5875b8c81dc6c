namespace CometApi.Kling.Download;

/// <summary>
/// Times out one download attempt while it waits: for the headers, then for each chunk of the body. Armed before every
/// wait and disarmed after it, on the options' clock, so a slow but steady video never times out and a stalled one
/// does. One timer per attempt, however many chunks.
/// </summary>
internal sealed class DownloadWatchdog : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer? _timer;
    private readonly TimeSpan _timeout;
    private int _fired;

    public DownloadWatchdog(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static state => ((DownloadWatchdog)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Canceled by the caller's token or when a wait outlasts the timeout.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the timeout (not the caller) canceled <see cref="Token"/>.</summary>
    public bool Fired => Volatile.Read(ref _fired) != 0;

    /// <summary>The timeout, for messages.</summary>
    public TimeSpan Limit => _timeout;

    /// <summary>Starts timing a wait.</summary>
    public void Arm() => _timer?.Change(_timeout, Timeout.InfiniteTimeSpan);

    /// <summary>Stops timing: the wait ended.</summary>
    public void Disarm() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Fire()
    {
        Volatile.Write(ref _fired, 1);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended as the timer fired: nothing left to cancel.
        }
    }
}
