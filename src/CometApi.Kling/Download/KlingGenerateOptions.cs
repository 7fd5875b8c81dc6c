namespace CometApi.Kling;

/// <summary>How <see cref="KlingClient.GenerateAsync"/> waits for the task and reports its progress.</summary>
public sealed class KlingGenerateOptions
{
    private KlingWaitOptions _wait = new();

    /// <summary>
    /// The wait's timeout, poll schedule and status progress. Its <see cref="KlingWaitOptions.Progress"/> is first told
    /// the created task, so its id is known at once (keep it: a wait that times out can be resumed from it).
    /// </summary>
    /// <value>The default is a new <see cref="KlingWaitOptions"/> (30 minutes at most).</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public KlingWaitOptions Wait
    {
        get => _wait;
        set => _wait = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Told which file of how many is being saved, and its bytes so far, after each chunk.</summary>
    /// <value>The default is <see langword="null"/> (no reports).</value>
    public IProgress<KlingDownloadProgress>? DownloadProgress { get; set; }
}
