namespace CometApi.Kling;

/// <summary>
/// How <see cref="KlingClient.WaitForCompletionAsync(KlingTaskHandle, KlingWaitOptions?, CancellationToken)"/> polls: the overall
/// limit, the poll schedule and progress. The defaults notice completion within about 15 % of the task's run time
/// (never more than 15 s late) with few requests; see docs/waiting.md for the measured figures.
/// </summary>
public sealed class KlingWaitOptions
{
    /// <summary>How long to wait in all before giving up with <see cref="KlingWaitTimeoutException"/>; the task itself goes on.</summary>
    /// <value>The default is 30 minutes. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits without limit.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait before the first query (a task is never done the moment it is created).</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The shortest interval between two queries.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest interval between two queries, and so the most a completion can be noticed late.</summary>
    /// <value>The default is 15 seconds.</value>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The interval as a fraction of the time waited so far: long tasks are polled less often, and completion is
    /// noticed at most this fraction of the wait late (between <see cref="MinPollInterval"/> and <see cref="MaxPollInterval"/>).
    /// </summary>
    /// <value>The default is 0.15.</value>
    public double PollIntervalRatio { get; set; } = 0.15;

    /// <summary>The longest server-requested <c>Retry-After</c> that is honoured; longer requests wait this long.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Told the task each time its status changes (including the first status seen), e.g. to update a UI.</summary>
    /// <value>The default is <see langword="null"/> (no reports).</value>
    public IProgress<TaskResponse>? Progress { get; set; }
}
