using CometApi.Kling.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CometApi.Kling.Http;

/// <summary>
/// The Polly pipelines of one client, built once from <see cref="KlingResilienceOptions"/> on the options' clock.
/// Queries: total timeout, then retry on transient faults (<see cref="KlingErrorClassifier.IsTransient"/>, the one
/// retryability table) with exponential backoff and jitter or the server's <c>Retry-After</c>, then the attempt timeout.
/// Creates: the first attempt alone with one timeout (<see cref="FirstAttempt"/>); after a failure, total timeout,
/// then a retry that only fires on an outcome <see cref="KlingCreateOperation"/> proved safe to resend
/// (<see cref="CreateOutcome.SafeToResend"/>); each attempt has the create attempt timeout (longer: it includes the upload). Downloads: the same retry on transient download errors,
/// without a total timeout (the downloader times out a stalled attempt itself and resumes where it stopped).
/// </summary>
internal sealed class KlingResiliencePipelines
{
    private readonly KlingResilienceOptions _options;
    private readonly KlingTelemetry _telemetry;

    /// <summary>The property of a create's <see cref="ResilienceContext"/> holding when its first attempt started (a timestamp of the options' clock).</summary>
    public static readonly ResiliencePropertyKey<long> CreateStarted = new("CometApi.Kling.CreateStarted");

    public KlingResiliencePipelines(KlingResilienceOptions options, TimeProvider timeProvider, KlingTelemetry telemetry)
    {
        _options = options;
        _telemetry = telemetry;
        TimeProvider = timeProvider;
        Query = Build(timeProvider, options.QueryAttemptTimeout, IsQueryRetryable);
        QuerySingleAttempt = Build(timeProvider, options.QueryAttemptTimeout, shouldRetry: null, total: false);
        Create = BuildCreate(timeProvider);
        CreateAttempt = Build(timeProvider, options.CreateAttemptTimeout, shouldRetry: null, total: false);

        // A create's first attempt starts with the total timeout: whichever of the two is shorter is its one timeout.
        var total = options.TotalTimeout;
        var attempt = options.CreateAttemptTimeout;
        FirstAttemptEndsAtTotal = total != Timeout.InfiniteTimeSpan && (attempt == Timeout.InfiniteTimeSpan || total <= attempt);
        FirstAttempt = new AttemptTimeout(FirstAttemptEndsAtTotal ? total : attempt, timeProvider);
        Download = Build(timeProvider, attemptTimeout: null, IsDownloadRetryable, total: false);
        BilledCall = Build(timeProvider, options.CreateAttemptTimeout, IsCertainlyNotReceived);
    }

    public KlingResilienceOptions Options => _options;

    /// <summary>Total timeout, retry on transient faults, attempt timeout.</summary>
    public ResiliencePipeline Query { get; }

    /// <summary>The query attempt timeout alone: for the wait loop, which is itself the retry loop of its polls.</summary>
    public ResiliencePipeline QuerySingleAttempt { get; }

    /// <summary>The clock of every timeout and delay.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Total timeout (for what is left of it since <see cref="CreateStarted"/>) and a retry that fires only on an outcome
    /// that is safe to resend: what a create runs after its first attempt failed (<see cref="KlingCreateOperation"/>).
    /// </summary>
    public ResiliencePipeline<CreateOutcome> Create { get; }

    /// <summary>The create attempt timeout alone.</summary>
    public ResiliencePipeline CreateAttempt { get; }

    /// <summary>
    /// A create's first attempt's timeout: the create attempt timeout or the total timeout, whichever is shorter
    /// (<see cref="FirstAttemptEndsAtTotal"/> says which), so a create that succeeds at once arms one timer and runs
    /// no pipeline (<see cref="AttemptTimeout"/> says why).
    /// </summary>
    public AttemptTimeout FirstAttempt { get; }

    /// <summary>Whether the first attempt's timeout is the total timeout (not longer than the create attempt timeout).</summary>
    public bool FirstAttemptEndsAtTotal { get; }

    /// <summary>
    /// A synchronous call the service bills (identify-face): total timeout, a retry that fires only on a failure that
    /// proves the request never reached the service (<see cref="KlingErrorClassifier.IsNotProcessed"/>), and the create
    /// attempt timeout. An ambiguous failure (a timeout, a reset, a 5xx) is never resent: it may have been billed.
    /// </summary>
    public ResiliencePipeline BilledCall { get; }

    /// <summary>
    /// The retry of video downloads alone: no total or attempt timeout (a video may take long on a slow link; the
    /// downloader bounds each attempt's wait for headers and for every chunk of the body instead).
    /// </summary>
    public ResiliencePipeline Download { get; }

    /// <summary>Runs one query through <see cref="Query"/>, turning Polly's timeouts into <see cref="KlingConnectionException"/>.</summary>
    public async Task<T> ExecuteQueryAsync<T>(Func<CancellationToken, ValueTask<T>> call, string operation, bool retry, CancellationToken cancellationToken)
    {
        try
        {
            return await (retry ? Query : QuerySingleAttempt).ExecuteAsync(
                static (state, token) => state(token), call, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw TimedOut(operation, ex);
        }
    }

    /// <summary>A timeout as the SDK reports it: a <see cref="KlingConnectionException"/> naming the setting that fired.</summary>
    public KlingConnectionException TimedOut(string operation, TimeoutRejectedException timeout) => TimedOut(operation, timeout, timeout.Timeout);

    /// <summary>
    /// A create's total timeout as the SDK reports it. Its strategy may have been given only what was left of
    /// <see cref="KlingResilienceOptions.TotalTimeout"/> (see <see cref="Create"/>): the message names the setting's value.
    /// </summary>
    public KlingConnectionException TotalTimedOut(string operation, TimeoutRejectedException timeout) => TimedOut(operation, timeout, _options.TotalTimeout);

    private KlingConnectionException TimedOut(string operation, TimeoutRejectedException timeout, TimeSpan configured)
    {
        var setting = configured == _options.TotalTimeout ? "KlingResilienceOptions.TotalTimeout"
            : configured == _options.CreateAttemptTimeout ? "KlingResilienceOptions.CreateAttemptTimeout"
            : "KlingResilienceOptions.QueryAttemptTimeout";
        return new KlingConnectionException(
            FormattableString.Invariant($"{operation} timed out: no complete response within {configured.TotalSeconds:0.###} s ({setting})."),
            new TimeoutException(timeout.Message, timeout));
    }

    private bool IsQueryRetryable(Exception error) =>
        error is TimeoutRejectedException || KlingErrorClassifier.IsTransient(error, _options.MaxRetryAfter);

    private bool IsCertainlyNotReceived(Exception error) =>
        error is not TimeoutRejectedException && KlingErrorClassifier.IsNotProcessed(error) && KlingErrorClassifier.IsTransient(error, _options.MaxRetryAfter);

    private bool IsDownloadRetryable(Exception error) =>
        error is KlingDownloadException { CannotContinue: false } && KlingErrorClassifier.IsTransient(error, _options.MaxRetryAfter);

    /// <summary>The create's pipeline: total timeout, and a retry that reads attempts' outcomes (<c>HandleResult</c>).</summary>
    private ResiliencePipeline<CreateOutcome> BuildCreate(TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<CreateOutcome> { TimeProvider = timeProvider, Name = "CometApi.Kling" };
        if (_options.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            var total = _options.TotalTimeout;
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Name = "total",

                // What is left since the first attempt started; at least a tick, so a create whose time is up still
                // times out here (a zero or negative timeout would mean none at all).
                TimeoutGenerator = args =>
                {
                    var left = args.Context.Properties.TryGetValue(CreateStarted, out var started) ? total - timeProvider.GetElapsedTime(started) : total;
                    return new ValueTask<TimeSpan>(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1));
                },
            });
        }

        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<CreateOutcome>
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Result is { SafeToResend: true }),

                // The server's Retry-After (already checked against MaxRetryAfter when the outcome was made) wins over backoff.
                DelayGenerator = static args => new ValueTask<TimeSpan?>(KlingErrorClassifier.RetryAfter(args.Outcome.Result?.Failure)),
                OnRetry = args =>
                {
                    _telemetry.Retrying(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result?.Failure);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private ResiliencePipeline Build(TimeProvider timeProvider, TimeSpan? attemptTimeout, Func<Exception, bool>? shouldRetry, bool total = true)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "CometApi.Kling" };
        if (total && _options.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.TotalTimeout, Name = "total" });
        }

        if (shouldRetry is not null && _options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } error && shouldRetry(error)),
                DelayGenerator = static args =>
                {
                    // The server's Retry-After (already checked against MaxRetryAfter by the predicate) wins over backoff.
                    return new ValueTask<TimeSpan?>(KlingErrorClassifier.RetryAfter(args.Outcome.Exception));
                },
                OnRetry = args =>
                {
                    _telemetry.Retrying(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }

        if (attemptTimeout is { } attempt && attempt != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = attempt, Name = "attempt" });
        }

        return builder.Build();
    }
}
