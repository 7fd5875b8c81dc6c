using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

// Arguments are formatted only after a Logger.IsEnabled check (the analyzer does not see early returns).
#pragma warning disable CA1873

namespace CometApi.Kling.Diagnostics;

/// <summary>
/// Logging, tracing and metrics of one client. The <see cref="ActivitySource"/> and <see cref="Meter"/> are named
/// <c>CometApi.Kling</c> (<see cref="Name"/>) and shared by every client in the process, as OpenTelemetry expects.
/// </summary>
internal sealed class KlingTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "CometApi.Kling";

    /// <summary>The name of the download span.</summary>
    public const string DownloadSpan = "kling.download";

    private static readonly string Version = typeof(KlingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> TasksCreated = Meter.CreateCounter<long>("kling.tasks.created", "{task}", "Tasks created (one per logical create).");
    private static readonly Counter<long> Polls = Meter.CreateCounter<long>("kling.polls", "{query}", "Task queries answered.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("kling.retries", "{retry}", "Attempts retried after a transient fault.");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("kling.failures", "{failure}", "Calls that failed, by Kling code or kind.");
    private static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>("kling.task.duration", "s", "From create to the end of the task: the service's created_at to updated_at, or the wait's own time without them.");

    public KlingTelemetry(ILoggerFactory? loggerFactory) =>
        Logger = loggerFactory?.CreateLogger("CometApi.Kling.KlingClient") ?? NullLogger.Instance;

    public ILogger Logger { get; }

    /// <summary>Starts a span (null when nobody listens).</summary>
    public static Activity? Start(string name, string? taskId = null)
    {
        var activity = ActivitySource.StartActivity(name, ActivityKind.Client);
        if (activity is not null && taskId is not null)
        {
            activity.SetTag("kling.task_id", taskId);
        }

        return activity;
    }

    /// <summary>
    /// Runs <paramref name="body"/> as the work of <paramref name="activity"/>: any failure the SDK raises marks the span
    /// failed (and is passed to <paramref name="onFailure"/> for logs and counts) before it propagates. The one copy of
    /// the span's try/catch for create, query, wait and download.
    /// </summary>
    public static async Task<T> TraceAsync<T>(Activity? activity, Func<Task<T>> body, Action<Exception>? onFailure = null)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KlingException)
        {
            Fail(activity, ex);
            onFailure?.Invoke(ex);
            throw;
        }
    }

    /// <summary>Marks a span failed with the error's kind (never its message: it may quote server text).</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", Reason(error));
        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    public void Retrying(int attempt, TimeSpan delay, Exception? cause)
    {
        var reason = cause is null ? "an unknown fault" : Reason(cause);
        Retries.Add(1, new KeyValuePair<string, object?>("reason", reason));
        KlingLog.Retrying(Logger, attempt, delay.TotalMilliseconds, reason);
    }

    public void Created(TaskResponse task, string? externalTaskId)
    {
        TasksCreated.Add(1);
        if (!Logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        KlingLog.TaskCreated(Logger, task.Data.TaskId, externalTaskId, task.Data.TaskStatus.ToString());
    }

    public void Polled(TaskResponse task)
    {
        Polls.Add(1, new KeyValuePair<string, object?>("status", task.Data.TaskStatus.ToString()));
        if (!Logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        KlingLog.TaskPolled(Logger, task.Data.TaskId, task.Data.TaskStatus.ToString());
    }

    public void StatusChanged(TaskResponse task, TimeSpan elapsed)
    {
        if (Logger.IsEnabled(LogLevel.Information))
        {
            KlingLog.TaskStatusChanged(Logger, task.Data.TaskId, task.Data.TaskStatus.ToString(), elapsed.TotalSeconds);
        }

        if (task.Data.TaskStatus.IsTerminal)
        {
            // The service's own timestamps measure the whole task, even for a wait resumed in another process; the
            // wait's elapsed time only covers what this wait saw.
            var data = task.Data;
            var duration = data.CreatedAt.ToUnixTimeMilliseconds() > 0 && data.UpdatedAt >= data.CreatedAt ? data.UpdatedAt - data.CreatedAt : elapsed;
            TaskDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("status", data.TaskStatus.ToString()));
        }
    }

    public void Failed(string operation, Exception error)
    {
        var reason = Reason(error);
        Failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        KlingLog.RequestFailed(Logger, operation, reason);
    }

    /// <summary>Logs the start of a video download (the host only: signed links carry credentials in their query).</summary>
    public void DownloadStarting(Uri url)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            KlingLog.DownloadStarting(Logger, url.Host);
        }
    }

    public void DownloadCompleted(Uri url, long bytes)
    {
        if (Logger.IsEnabled(LogLevel.Information))
        {
            KlingLog.DownloadCompleted(Logger, bytes, url.Host);
        }
    }

    public void DownloadFailed(Uri url, Exception error)
    {
        var reason = Reason(error);
        Failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        KlingLog.DownloadFailed(Logger, url.Host, reason);
    }

    /// <summary>A short, safe description of an error: status, Kling code, kind. Never server text.</summary>
    public static string Reason(Exception error) => error switch
    {
        KlingApiException api when api.Code is { } code => FormattableString.Invariant($"HTTP {(int)api.StatusCode} code {code}"),
        KlingApiException api when api.GatewayErrorCode is { Length: > 0 } => FormattableString.Invariant($"HTTP {(int)api.StatusCode} {SafeToken(api.GatewayErrorCode)}"),
        KlingApiException api => FormattableString.Invariant($"HTTP {(int)api.StatusCode}"),
        KlingAmbiguousCreateException => "ambiguous create",
        KlingConnectionException { InnerException: TimeoutException } => "timeout",
        KlingConnectionException => "connection failure",
        KlingDownloadException { StatusCode: { } status } => FormattableString.Invariant($"HTTP {(int)status}"),
        KlingDownloadException => "download failure",
        TimeoutRejectedException => "timeout",
        _ => error.GetType().Name,
    };

    private static string SafeToken(string text) =>
        text.Length <= 40 && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') ? text : "error";

    /// <summary>Whether a status counts as HTTP success, for tags.</summary>
    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
