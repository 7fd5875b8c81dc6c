using CometApi.Kling.Diagnostics;
using CometApi.Kling.Download;
using CometApi.Kling.Waiting;

namespace CometApi.Kling;

/// <summary>Saving results of any kind, and create → wait → download in one call.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Saves every file of a succeeded task of any kind (its videos, images, or audio in each offered format) to
    /// <paramref name="output"/>: a folder takes them all, a file exactly one. Each file appears only once complete: the
    /// data goes to a temporary file beside it, renamed over the target. The API key is not sent to the file host.
    /// </summary>
    /// <param name="task">A succeeded task, e.g. from <see cref="WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>.</param>
    /// <param name="output">
    /// <see cref="KlingOutput.Folder"/> (created if missing) to save every file as <c>&lt;task id&gt;[-n].&lt;ext&gt;</c>;
    /// <see cref="KlingOutput.File"/> to save the one file at that path (of several, the one its extension names).
    /// </param>
    /// <param name="progress">Told which file of how many is being saved, and its bytes (and total, when known) after each chunk.</param>
    /// <param name="cancellationToken">Cancels the download; nothing partial is left.</param>
    /// <returns>The full paths of the saved files, in the order the task listed them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The task has not succeeded or has no file URL; or <paramref name="output"/> is a file target and the result holds
    /// several files its extension does not pick one from, or it is an existing folder. Nothing was downloaded.
    /// </exception>
    /// <exception cref="KlingTaskFailedException">The task failed, so there is nothing to save.</exception>
    /// <exception cref="KlingDownloadException">A link answered an error (403/404: expired, query the task again) or a download was incomplete; its <see cref="KlingException.LastKnownTask"/> is <paramref name="task"/>.</exception>
    public virtual async Task<IReadOnlyList<string>> DownloadResultsAsync(
        TaskResponse task, KlingOutput output, IProgress<KlingDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = ResultFilesOf(task);
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        KlingResultFiles.CheckOnDisk(output, nameof(output));
        var plan = KlingResultFiles.Plan(task.Data.TaskId, files, output, nameof(output));
        cancellationToken.ThrowIfCancellationRequested();
        return await SaveAsync(task, plan, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a file (a video, image or audio URL of a task's result) to <paramref name="path"/>, safely: a temporary
    /// file beside the target is renamed over it only when complete, so a failed, cut or canceled download leaves nothing
    /// there (and an existing file untouched). Transient failures (network errors, a stalled or cut body, 408, 429, 5xx)
    /// are retried as <see cref="KlingClientOptions.Resilience"/> says; a retry resumes where the temporary file ends
    /// (<c>Range</c>) when the host allows it. An expired link (401/403/404/410) is not retried.
    /// </summary>
    /// <param name="url">The file's URL (e.g. <see cref="KlingVideo.Url"/>); it is temporary, so download promptly.</param>
    /// <param name="path">Where to save the file; missing directories are created.</param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk, as file 1 of 1.</param>
    /// <param name="cancellationToken">Cancels the download; nothing is left at <paramref name="path"/>.</param>
    /// <returns>The full path of the saved file.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL, or <paramref name="path"/> is unusable.</exception>
    /// <exception cref="KlingDownloadException">The link answered an error (403/404: expired, query the task again) or the download was incomplete.</exception>
    public virtual async Task<string> DownloadAsync(
        Uri url, string path, IProgress<KlingDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        KlingVideoDownloader.CheckUrl(url, nameof(url));
        CheckPath(path, nameof(path));
        cancellationToken.ThrowIfCancellationRequested();
        var fileProgress = KlingVideoDownloader.FileProgress.Single(progress, Path.GetFullPath(path));
        return await TraceDownloadAsync(
            url, token => KlingVideoDownloader.DownloadToFileAsync(Sender.HttpClient, url, path, fileProgress, DownloadSettings, token), path => new FileInfo(path).Length, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a file from its URL into <paramref name="destination"/>, checking that as many bytes arrived as the
    /// server announced. The stream is yours: on failure it may hold part of the file (use the path overload to avoid that).
    /// Transient failures are retried as for the path overload: a retry resumes where the stream ends (<c>Range</c>) when
    /// the host allows it, or else starts over from the stream's first position when it can seek; a stream that can do
    /// neither is not retried once it holds part of the file.
    /// </summary>
    /// <param name="url">The file's URL (e.g. <see cref="KlingVideo.Url"/>).</param>
    /// <param name="destination">A writable stream; it is not disposed.</param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk, as file 1 of 1.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL, or <paramref name="destination"/> is not writable.</exception>
    /// <exception cref="KlingDownloadException">The link answered an error (403/404: expired, query the task again) or the download was incomplete.</exception>
    public virtual async Task<long> DownloadAsync(
        Uri url, Stream destination, IProgress<KlingDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        KlingVideoDownloader.CheckUrl(url, nameof(url));
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await TraceDownloadAsync(
            url, token => KlingVideoDownloader.CopyAsync(Sender.HttpClient, url, destination, KlingVideoDownloader.FileProgress.Single(progress, filePath: null), DownloadSettings, token), bytes => bytes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The common case in one call, for a request of any kind: creates the task, waits for it (see
    /// <see cref="WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>) and saves its files (see
    /// <see cref="DownloadResultsAsync"/>). Every failure after the create carries the task, so a paid task is never lost.
    /// </summary>
    /// <param name="request">What to generate (<see cref="ImageToVideoRequest"/>, <see cref="TextToVideoRequest"/>, …).</param>
    /// <param name="output">
    /// Where to save: <see cref="KlingOutput.File"/> for the one file, <see cref="KlingOutput.Folder"/> for every file
    /// (see <see cref="DownloadResultsAsync"/>). Checked before the (paid) task is created, against what the request
    /// tells: a file target for several images, or for an audio or video-to-audio task whose extension picks no single
    /// file, is refused then.
    /// </param>
    /// <param name="options">The wait's timeout, schedule and status progress, and the download's progress; <see langword="null"/> means the defaults.</param>
    /// <param name="cancellationToken">Cancels the whole operation (a created task goes on on the service).</param>
    /// <returns>The succeeded task and the full paths of its files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request, the output or the wait options cannot be used; nothing was sent.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits; nothing was sent.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed; its <see cref="KlingException.LastKnownTask"/> is the failed task, with <c>task_status_msg</c>.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end in time; resume with its <see cref="KlingException.Task"/>.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The create's outcome is unknown; its <see cref="KlingException.Task"/> finds the task. Do not create it again.</exception>
    /// <exception cref="KlingApiException">The service refused a request; after the create, its <see cref="KlingException.Task"/> is the task.</exception>
    /// <exception cref="KlingConnectionException">Creating the task got no response and nothing was created.</exception>
    /// <exception cref="KlingDownloadException">
    /// The task succeeded but a file could not be saved, or its result does not fit a file target (nothing was
    /// downloaded then); its <see cref="KlingException.LastKnownTask"/> has the result URLs.
    /// </exception>
    public virtual async Task<KlingGenerationResult> GenerateAsync(
        KlingTaskRequest request,
        KlingOutput output,
        KlingGenerateOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        KlingResultFiles.CheckOnDisk(output, nameof(output));
        if (KlingResultFiles.Expected(request) is { } expected && KlingResultFiles.FileTargetProblem(output, expected) is { } problem)
        {
            throw new ArgumentException($"The {request.Kind.Name} task {problem} Nothing was sent.", nameof(output));
        }

        var waitOptions = options?.Wait ?? new KlingWaitOptions();
        KlingTaskWaiter.Validate(waitOptions);

        var created = await CreateTaskAsync(request, cancellationToken).ConfigureAwait(false);
        waitOptions.Progress?.Report(created);
        var done = await WaitTracedAsync(created.Data.Kind, created.Data.TaskId, waitOptions, created.Data.TaskStatus, cancellationToken).ConfigureAwait(false);
        if (done.Data.TaskStatus == KlingTaskStatus.Failed)
        {
            throw TaskFailed(done);
        }

        var files = done.Data.TaskStatus == KlingTaskStatus.Succeeded ? KlingResultFiles.Of(done.Data) : [];
        if (files.Count == 0)
        {
            throw new KlingDownloadException(
                $"Task '{done.Data.TaskId}' ended with status '{done.Data.TaskStatus}' but its result has no file URL, so nothing could be saved. "
                + "The task is in this exception's LastKnownTask; query it again later (GetTaskAsync) in case the service fills its result.",
                statusCode: null,
                isRetryable: false).About(task: null, done);
        }

        IReadOnlyList<KlingResultFiles.PlannedFile> plan;
        try
        {
            KlingResultFiles.CheckOnDisk(output, nameof(output));
            plan = KlingResultFiles.Plan(done.Data.TaskId, files, output, nameof(output));
        }
        catch (ArgumentException ex)
        {
            // Known only now (a compatible host sent more files than the request asked for, or the folder appeared during the wait).
            throw new KlingDownloadException(
                $"Task '{done.Data.TaskId}' succeeded, but nothing was downloaded: {ex.Message} The task and its result URLs are in this "
                + "exception's LastKnownTask: save them with DownloadResultsAsync(exception.LastKnownTask, KlingOutput.Folder(path)).",
                statusCode: null,
                isRetryable: false,
                ex).About(task: null, done);
        }

        try
        {
            var saved = await SaveAsync(done, plan, options?.DownloadProgress, cancellationToken).ConfigureAwait(false);
            return new KlingGenerationResult(done, saved);
        }
        catch (KlingDownloadException ex)
        {
            // The task is paid for and succeeded: hand it back with the failure, and never as "retryable" (repeating
            // GenerateAsync would pay for a new task; downloading again from the task is the retry).
            throw new KlingDownloadException(
                $"Task '{done.Data.TaskId}' succeeded, but saving its result failed: {ex.Message} The task and its result URLs are in this "
                + "exception's LastKnownTask: save them with DownloadResultsAsync(exception.LastKnownTask, output) (query the task again first if the links expired).",
                ex.StatusCode,
                isRetryable: false,
                ex).About(task: null, done);
        }
    }

    /// <summary>Downloads the planned files one after the other, in one download span, each told to the progress as file k of n.</summary>
    private async Task<IReadOnlyList<string>> SaveAsync(
        TaskResponse task, IReadOnlyList<KlingResultFiles.PlannedFile> plan, IProgress<KlingDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start(KlingTelemetry.DownloadSpan, task.Data.TaskId);
        activity?.SetTag("kling.task_kind", task.Data.Kind.Route);
        var saved = new string[plan.Count];
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var (url, target) = plan[i];
                var fileProgress = new KlingVideoDownloader.FileProgress(progress, i + 1, plan.Count, target);
                saved[i] = await TraceDownloadAsync(
                    url, token => KlingVideoDownloader.DownloadToFileAsync(Sender.HttpClient, url, target, fileProgress, DownloadSettings, token), path => new FileInfo(path).Length, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (KlingException ex)
        {
            // Whatever failed, the paid task it concerns goes with the exception.
            ex.About(task: null, task);
            throw;
        }

        return saved;
    }

    /// <summary>
    /// Logs, counts and traces one download (a span of its own unless a task's download already opened one). Only the
    /// host is recorded: a signed link carries its credentials in the query.
    /// </summary>
    private async Task<T> TraceDownloadAsync<T>(Uri url, Func<CancellationToken, Task<T>> download, Func<T, long> bytes, CancellationToken cancellationToken)
    {
        var current = System.Diagnostics.Activity.Current;
        var joined = current is not null && current.Source == KlingTelemetry.ActivitySource && current.OperationName == KlingTelemetry.DownloadSpan;
        using var own = joined ? null : KlingTelemetry.Start(KlingTelemetry.DownloadSpan);
        var span = joined ? current : own;
        span?.SetTag("server.address", url.Host);
        _telemetry.DownloadStarting(url);
        return await KlingTelemetry.TraceAsync(
            span,
            async () =>
            {
                var result = await download(cancellationToken).ConfigureAwait(false);
                var length = bytes(result);
                span?.SetTag("kling.download.bytes", length);
                _telemetry.DownloadCompleted(url, length);
                return result;
            },
            error => _telemetry.DownloadFailed(url, error)).ConfigureAwait(false);
    }

    private KlingVideoDownloader.DownloadSettings DownloadSettings =>
        new(Sender.Pipelines.Download, Sender.Pipelines.Options.QueryAttemptTimeout, $"{nameof(KlingResilienceOptions)}.{nameof(KlingResilienceOptions.QueryAttemptTimeout)}", _timeProvider);

    /// <summary>The files of a succeeded task, or the error that says why it has none.</summary>
    private static IReadOnlyList<KlingResultFiles.ResultFile> ResultFilesOf(TaskResponse task)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        var data = task.Data;
        if (data.TaskStatus == KlingTaskStatus.Failed)
        {
            throw TaskFailed(task);
        }

        if (data.TaskStatus != KlingTaskStatus.Succeeded)
        {
            throw new ArgumentException(
                $"Task '{data.TaskId}' has not succeeded yet (status '{data.TaskStatus}'), so it has no result; wait for it with WaitForCompletionAsync first.", nameof(task));
        }

        var files = KlingResultFiles.Of(data);
        if (files.Count == 0)
        {
            throw new ArgumentException($"Task '{data.TaskId}' succeeded but its result has no file URL (task_result.videos, images or audios).", nameof(task));
        }

        return files;
    }
}
