using System.Net;
using CometApi.Kling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansFleet;

/// <summary>
/// Makes one video. Its only durable state is its key (the <c>external_task_id</c>); every activation starts by asking
/// Kling what exists for that key, creates the task only when Kling has none, waits with the SDK and downloads. So a
/// silo's death loses nothing: the next activation, on any silo, finds the task and carries on without paying twice.
/// </summary>
public sealed partial class VideoGrain : Grain, IVideoGrain, IRemindable
{
    private const string ReminderName = "kling-video";

    private readonly KlingClient _client;
    private readonly IVideoCatalog _catalog;
    private readonly FleetOptions _options;
    private readonly ILogger<VideoGrain> _logger;
    // Canceled when this activation goes away (deactivation, or its silo shutting down), so that no wait outlives it.
    private readonly CancellationTokenSource _stopping;
    private VideoStatus _status;
    private Task? _work;
    private bool _reminderRegistered;

    /// <summary>Creates the grain (Orleans does, from the silo's services).</summary>
    /// <param name="client">The Kling client shared by the silo.</param>
    /// <param name="catalog">Where the grain finds what to make for its key.</param>
    /// <param name="options">The fleet settings.</param>
    /// <param name="lifetime">The silo host's lifetime: stopping it stops the work.</param>
    /// <param name="logger">The log.</param>
    public VideoGrain(KlingClient client, IVideoCatalog catalog, FleetOptions options, IHostApplicationLifetime lifetime, ILogger<VideoGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _client = client;
        _catalog = catalog;
        _options = options;
        _logger = logger;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _status = new VideoStatus { ExternalTaskId = this.GetPrimaryKeyString(), Silo = RuntimeIdentity };
    }

    /// <inheritdoc />
    public async Task<VideoStatus> EnsureStartedAsync()
    {
        if (_options.UseReminders && !_reminderRegistered && !_status.IsDone)
        {
            _reminderRegistered = await TryAsync(() => this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod)).ConfigureAwait(true) is not null;
        }

        StartWork();
        return _status;
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A tick after a silo's death is what resumes the video when nobody polls it.
        StartWork();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        _stopping.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void StartWork()
    {
        // One piece of work per activation; it runs on the grain's scheduler, interleaved with status calls at its awaits.
        _work ??= RunAsync(_stopping.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (_catalog.Find(key) is not { } job)
        {
            await FinishAsync(_status with { Stage = VideoStage.Failed, Message = $"'{key}' is not in the catalogue" }).ConfigureAwait(true);
            return;
        }

        var backoff = _options.MinBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var task = await FindOrCreateAsync(job, cancellationToken).ConfigureAwait(true);
                _status = _status with { Stage = VideoStage.Waiting, TaskId = task.Data.TaskId };
                var done = task.Data.TaskStatus == KlingTaskStatus.Succeeded || task.Data.TaskStatus == KlingTaskStatus.Failed
                    ? task
                    : await _client.WaitForCompletionAsync(task, _options.Wait, cancellationToken).ConfigureAwait(true);
                if (done.Data.TaskStatus != KlingTaskStatus.Succeeded)
                {
                    await FinishAsync(_status with { Stage = VideoStage.Failed, Message = done.Data.TaskStatusMessage ?? "failed" }).ConfigureAwait(true);
                    return;
                }

                // The SDK renames a temporary file over the target only when every byte arrived: a file there is whole.
                var path = Path.GetFullPath(Path.Combine(_options.OutputFolder, key + ".mp4"));
                if (!File.Exists(path))
                {
                    _status = _status with { Stage = VideoStage.Downloading };
                    await _client.DownloadResultsAsync(done, KlingOutput.File(path), cancellationToken: cancellationToken).ConfigureAwait(true);
                }

                await FinishAsync(_status with { Stage = VideoStage.Succeeded, FilePath = path, Bytes = new FileInfo(path).Length, Message = null }).ConfigureAwait(true);
                return;
            }
            catch (KlingApiException ex) when (ex.Code == 1303)
            {
                // Kling's concurrency limit: the fleet slows down instead of failing the video.
                _status = _status with { ConcurrencyBackoffs = _status.ConcurrencyBackoffs + 1, Message = ex.Message };
                backoff = await BackOffAsync(backoff, ex.RetryAfter, cancellationToken).ConfigureAwait(true);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Network, 5xx, a wait that ran out of time, a lost create answer, an expired video link: all resume from the API
                // on the next round.
                LogTransient(key, ex.Message);
                _status = _status with { Message = ex.Message };
                backoff = await BackOffAsync(backoff, (ex as KlingApiException)?.RetryAfter, cancellationToken).ConfigureAwait(true);
            }
            catch (KlingException ex)
            {
                await FinishAsync(_status with { Stage = VideoStage.Failed, Message = ex.Message }).ConfigureAwait(true);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;     // this activation is going away; the next one resumes from the API
            }
        }
    }

    private async Task<TaskResponse> FindOrCreateAsync(VideoJob job, CancellationToken cancellationToken)
    {
        if (await FindAsync(job.ExternalTaskId, cancellationToken).ConfigureAwait(true) is { } existing)
        {
            return existing;
        }

        _status = _status with { Stage = VideoStage.Creating, CreatesSent = _status.CreatesSent + 1 };
        try
        {
            return await _client.CreateImageToVideoAsync(
                new ImageToVideoRequest
                {
                    Image = KlingImage.FromFile(job.ImagePath),
                    Prompt = job.Prompt,
                    ExternalTaskId = job.ExternalTaskId,
                },
                cancellationToken).ConfigureAwait(true);
        }
        catch (KlingApiException ex) when (ex.ServerMessage?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Someone created it between our look-up and our create (or an earlier answer was lost): use that task.
            return await FindAsync(job.ExternalTaskId, cancellationToken).ConfigureAwait(true)
                ?? throw new KlingApiException($"Kling says '{job.ExternalTaskId}' exists but does not find it", ex);
        }
    }

    private async Task<TaskResponse?> FindAsync(string externalTaskId, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetTaskByExternalIdAsync(KlingTaskKind.ImageToVideo, externalTaskId, cancellationToken).ConfigureAwait(true);
        }
        catch (KlingApiException ex) when (ex.Code == 1203 || ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;    // none yet
        }
    }

    private async Task<TimeSpan> BackOffAsync(TimeSpan backoff, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        // Full jitter, so that grains refused together do not come back together.
        var delay = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
        if (retryAfter > delay)
        {
            delay = retryAfter.Value;
        }

        await Task.Delay(delay, cancellationToken).ConfigureAwait(true);
        return TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
    }

    private async Task FinishAsync(VideoStatus status)
    {
        _status = status;
        if (_options.UseReminders)
        {
            // Done: nothing left to wake up for. A later activation (if any) finds the task and the file and stops at once.
            var reminder = await TryAsync(() => this.GetReminder(ReminderName)).ConfigureAwait(true);
            if (reminder is not null)
            {
                await TryAsync(async () =>
                {
                    await this.UnregisterReminder(reminder).ConfigureAwait(true);
                    return true;
                }).ConfigureAwait(true);
            }
        }
    }

    // A create whose answer was lost (KlingAmbiguousCreateException) is not retryable for the SDK, which cannot know
    // whether a task exists; here it is, because every round starts by looking the task up by its external id.
    private static bool IsTransient(Exception ex) =>
        ex is KlingWaitTimeoutException or KlingDownloadException or KlingConnectionException or KlingAmbiguousCreateException
        || (ex is KlingException { IsRetryable: true });

    // The reminder table is a remote service: while a dead silo is being detected it may fail; the polls keep going regardless.
    private async Task<T?> TryAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(true);
        }
#pragma warning disable CA1031 // a reminder problem must not fail the video: the next call or tick retries it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReminderProblem(this.GetPrimaryKeyString(), ex.Message);
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key}: transient problem, backing off: {Problem}")]
    private partial void LogTransient(string key, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key}: reminder not updated: {Problem}")]
    private partial void LogReminderProblem(string key, string problem);
}
