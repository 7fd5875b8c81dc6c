using Polly.Timeout;

namespace CometApi.Kling.Http;

/// <summary>
/// The timeout of a create's first attempt, kept without a pipeline around it: the same mechanism as Polly's timeout
/// strategy (a <see cref="CancellationTokenSource"/> cancelled after the timeout on the options' clock, linked to the
/// caller's token, reused while it was not cancelled; a timeout surfaces as <see cref="TimeoutRejectedException"/> and a
/// caller's cancellation as an <see cref="OperationCanceledException"/> carrying the caller's token).
/// </summary>
/// <remarks>
/// A create that succeeds at once needs nothing of resilience but this timer, and a Polly pipeline around one attempt
/// cost a create a quarter of the hand-written call's whole time (docs/benchmarks.md). Everything after a first attempt
/// that failed (settling it, the retry, backoff, <c>Retry-After</c>, the total timeout and every later attempt's timeout)
/// runs through the Polly pipelines (<see cref="KlingResiliencePipelines.Create"/>, <see cref="KlingCreateOperation"/>).
/// </remarks>
internal sealed class AttemptTimeout
{
    private readonly TimeProvider _timeProvider;
#if NET
    private CancellationTokenSource? _spare;
#endif

    /// <param name="timeout">The timeout; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="timeProvider">The clock it runs on.</param>
    public AttemptTimeout(TimeSpan timeout, TimeProvider timeProvider)
    {
        Timeout = timeout;
        _timeProvider = timeProvider;
    }

    /// <summary>The timeout (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Starts the timer of one attempt, linked to the caller's token; dispose the scope when the attempt ends.</summary>
    public Scope Start(CancellationToken cancellationToken)
    {
        if (Timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return new Scope(this, source: null, registration: default, cancellationToken);
        }

#if NET
        // One spare per client: a create that finished without being cancelled leaves its source for the next one.
        var source = Interlocked.Exchange(ref _spare, null) ?? new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, _timeProvider);
        source.CancelAfter(Timeout);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
#else
        var source = _timeProvider.CreateCancellationTokenSource(Timeout);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
#endif
        return new Scope(this, source, registration, cancellationToken);
    }

#if NET
    private void Return(CancellationTokenSource source)
    {
        if (source.TryReset() && Interlocked.CompareExchange(ref _spare, source, null) is null)
        {
            return;
        }

        source.Dispose();
    }
#else
    private static void Return(CancellationTokenSource source) => source.Dispose();
#endif

    /// <summary>One attempt's timer.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly AttemptTimeout _owner;
        private readonly CancellationTokenSource? _source;
        private readonly CancellationToken _callerToken;
        private readonly CancellationTokenRegistration _registration;

        internal Scope(AttemptTimeout owner, CancellationTokenSource? source, CancellationTokenRegistration registration, CancellationToken callerToken)
        {
            _owner = owner;
            _source = source;
            _callerToken = callerToken;
            _registration = registration;
        }

        /// <summary>The token the attempt runs under: cancelled by the timeout or by the caller.</summary>
        public CancellationToken Token => _source?.Token ?? _callerToken;

        /// <summary>
        /// What the attempt's failure is from the caller's side: the timeout as a <see cref="TimeoutRejectedException"/>;
        /// the caller's cancellation as an <see cref="OperationCanceledException"/> carrying the caller's token; anything
        /// else as it is. Call it while the scope is alive.
        /// </summary>
        public Exception Translate(Exception error)
        {
            if (error is not OperationCanceledException canceled)
            {
                return error;
            }

            if (_callerToken.IsCancellationRequested)
            {
                return canceled.CancellationToken == _callerToken ? error : new OperationCanceledException(canceled.Message, canceled, _callerToken);
            }

            return _source is { IsCancellationRequested: true }
                ? new TimeoutRejectedException($"The operation didn't complete within the allowed timeout of '{_owner.Timeout}'.", _owner.Timeout, canceled)
                : error;
        }

        public void Dispose()
        {
            if (_source is { } source)
            {
                _registration.Dispose();
#if NET
                _owner.Return(source);
#else
                Return(source);
#endif
            }
        }
    }
}
