using System.Globalization;
using System.Text;

namespace CometApi.Kling.Waiting;

/// <summary>
/// The wait loop: sleep on the options' clock, query the task by id, stop at a terminal status. Only the individual
/// query is used, so any process holding the task id can resume a wait. Transient failures are absorbed until the
/// deadline; permanent ones end the wait. The overall deadline and the caller's token are kept apart, so a timeout is
/// never reported as a cancellation or the other way round.
/// </summary>
internal static class KlingTaskWaiter
{
    public static async Task<TaskResponse> WaitAsync(
        Func<string, CancellationToken, Task<TaskResponse>> query,
        KlingTaskKind kind,
        string taskId,
        KlingWaitOptions options,
        TimeProvider timeProvider,
        KlingTaskStatus? alreadyReported,
        CancellationToken cancellationToken,
        Action<TaskResponse, TimeSpan>? onStatusChange = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = timeProvider.GetTimestamp();
        using var deadline = CreateDeadline(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline?.Token ?? CancellationToken.None);

        TaskResponse? last = null;
        Exception? lastError = null;
        var reported = alreadyReported;
        var failures = 0;
        var delay = options.FirstPollDelay;
        try
        {
            while (true)
            {
                await DelayAsync(delay, timeProvider, linked.Token).ConfigureAwait(false);

                TaskResponse response;
                try
                {
                    response = await query(taskId, linked.Token).ConfigureAwait(false);
                }
                catch (KlingException ex) when (ex.IsRetryable)
                {
                    // Network errors, 5xx, 1302/1303, unreadable 2xx: the task is unaffected, so try again later.
                    failures++;
                    lastError = ex;
                    delay = KlingPollSchedule.AfterFailure(
                        timeProvider.GetElapsedTime(started), failures, (ex as KlingApiException)?.RetryAfter, options);
                    continue;
                }

                failures = 0;
                lastError = null;
                last = response;
                var status = response.Data.TaskStatus;
                if (reported is not { } previous || previous != status)
                {
                    reported = status;
                    options.Progress?.Report(response);
                    onStatusChange?.Invoke(response, timeProvider.GetElapsedTime(started));
                }

                if (status.IsTerminal)
                {
                    return response;
                }

                delay = KlingPollSchedule.NextDelay(timeProvider.GetElapsedTime(started), options);
            }
        }
        catch (KlingException ex)
        {
            // A permanent error ended the wait: it still names the task and its last known state, so a caller that never
            // held the task (GenerateAsync's) does not lose a paid task.
            ex.About(new KlingTaskHandle(kind, taskId), last);
            throw;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline?.IsCancellationRequested == true)
        {
            throw new KlingWaitTimeoutException(TimeoutMessage(taskId, options.Timeout, last, lastError), new KlingTaskHandle(kind, taskId), last, lastError ?? ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            // The linked token fired; report the caller's own token so `ex.CancellationToken == token` checks hold.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
    }

    /// <summary>Checks the options before anything is sent, listing every problem at once.</summary>
    public static void Validate(KlingWaitOptions options)
    {
        var problems = new List<string>();
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"Timeout must be positive or Timeout.InfiniteTimeSpan (was {options.Timeout}).");
        }

        if (options.FirstPollDelay < TimeSpan.Zero)
        {
            problems.Add($"FirstPollDelay must not be negative (was {options.FirstPollDelay}).");
        }

        if (options.MinPollInterval <= TimeSpan.Zero)
        {
            problems.Add($"MinPollInterval must be positive (was {options.MinPollInterval}).");
        }

        if (options.MaxPollInterval < options.MinPollInterval)
        {
            problems.Add($"MaxPollInterval ({options.MaxPollInterval}) must not be less than MinPollInterval ({options.MinPollInterval}).");
        }

        if (double.IsNaN(options.PollIntervalRatio) || double.IsInfinity(options.PollIntervalRatio) || options.PollIntervalRatio < 0)
        {
            problems.Add($"PollIntervalRatio must be a finite number, 0 or more (was {options.PollIntervalRatio.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"MaxRetryAfter must not be negative (was {options.MaxRetryAfter}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("KlingWaitOptions cannot be used: " + string.Join(" ", problems), nameof(options));
        }
    }

    private static CancellationTokenSource? CreateDeadline(TimeSpan timeout, TimeProvider timeProvider)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

#if NET
        return new CancellationTokenSource(timeout, timeProvider);
#else
        return timeProvider.CreateCancellationTokenSource(timeout);
#endif
    }

    private static Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
#if NET
        return Task.Delay(delay, timeProvider, cancellationToken);
#else
        return timeProvider.Delay(delay, cancellationToken);
#endif
    }

    private static string TimeoutMessage(string taskId, TimeSpan timeout, TaskResponse? last, Exception? lastError)
    {
        var text = new StringBuilder();
        text.Append("Task '").Append(taskId).Append("' did not finish within ").Append(Describe(timeout)).Append(" (KlingWaitOptions.Timeout); ");
        text.Append(last is null ? "no query succeeded" : $"its last status was '{last.Data.TaskStatus}'").Append('.');
        if (lastError is not null)
        {
            text.Append(" The last query failed: ").Append(lastError.Message);
        }

        text.Append(" The task goes on on the service: call WaitForCompletionAsync again with the exception's Task (the same task id) to resume.");
        return text.ToString();
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 && span.Milliseconds == 0
            ? FormattableString.Invariant($"{span.TotalMinutes:0.##} min")
            : FormattableString.Invariant($"{span.TotalSeconds:0.###} s");
}
