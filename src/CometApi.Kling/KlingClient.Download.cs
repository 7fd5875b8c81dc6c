using CometApi.Kling.Diagnostics;
using CometApi.Kling.Download;
using CometApi.Kling.Waiting;

namespace CometApi.Kling;

/// <summary>Saving results of any kind, and create → wait → download in one call.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Saves every file of a succeeded task of any kind (its videos, images, or audio in each offered format). Each file
    /// appears only once complete: the data goes to a temporary file beside it, renamed over the target. The API key is
    /// not sent to the file host.
    /// </summary>
    /// <param name="task">A succeeded task, e.g. from <see cref="WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>.</param>
    /// <param name="path">
    /// A file path (e.g. <c>video.mp4</c>) for a task with one file; a folder (existing, or ending with a separator) to
    /// save the files there as <c>&lt;task id&gt;[-n].&lt;ext&gt;</c>. Several files given a file path are saved beside it
    /// as <c>&lt;stem&gt;-n.&lt;ext&gt;</c>. Missing directories are created.
    /// </param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk of each file.</param>
    /// <param name="cancellationToken">Cancels the download; nothing partial is left.</param>
    /// <returns>The full paths of the saved files, in the order the task listed them.</returns>
    /// <exception cref="ArgumentException">The task has not succeeded or has no file URL, or <paramref name="path"/> is unusable.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed, so there is nothing to save.</exception>
    /// <exception cref="KlingDownloadException">A link answered an error (403/404: expired, query the task again) or a download was incomplete; its <see cref="KlingException.LastKnownTask"/> is <paramref name="task"/>.</exception>
    public virtual async Task<IReadOnlyList<string>> DownloadResultsAsync(
        TaskResponse task, string path, IProgress<KlingDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = ResultFilesOf(task);
        CheckOutputPath(path, nameof(path));
        var targets = KlingResultFiles.Plan(task.Data.TaskId, files, path);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = KlingTelemetry.Start(KlingTelemetry.DownloadSpan, task.Data.TaskId);
        activity?.SetTag("kling.task_kind", task.Data.Kind.Route);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await DownloadAsync(files[i].Url, targets[i], progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KlingException ex)
        {
            ex.About(task: null, task);
            throw;
        }

        return targets;
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
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk.</param>
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
        return await TraceDownloadAsync(
            url, token => KlingVideoDownloader.DownloadToFileAsync(Sender.HttpClient, url, path, progress, DownloadSettings, token), path => new FileInfo(path).Length, cancellationToken)
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
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk.</param>
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
            url, token => KlingVideoDownloader.CopyAsync(Sender.HttpClient, url, destination, progress, DownloadSettings, token), bytes => bytes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The common case in one call, for a request of any kind: creates the task, waits for it (see
    /// <see cref="WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>) and saves its files (see
    /// <see cref="DownloadResultsAsync"/>). Every failure after the create carries the task, so a paid task is never lost.
    /// </summary>
    /// <param name="request">What to generate (<see cref="ImageToVideoRequest"/>, <see cref="TextToVideoRequest"/>, …).</param>
    /// <param name="outputPath">Where to save: a file path, or a folder for several files (see <see cref="DownloadResultsAsync"/>); checked before the (paid) task is created.</param>
    /// <param name="waitOptions">The wait's timeout, schedule and progress; its <see cref="KlingWaitOptions.Progress"/> is first told the created task, so its id is known at once.</param>
    /// <param name="downloadProgress">Told the bytes received after each chunk.</param>
    /// <param name="cancellationToken">Cancels the whole operation (a created task goes on on the service).</param>
    /// <returns>The succeeded task and the full paths of its files.</returns>
    /// <exception cref="ArgumentException">The request, the path or the wait options cannot be used; nothing was sent.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits; nothing was sent.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed; its <see cref="KlingException.LastKnownTask"/> is the failed task, with <c>task_status_msg</c>.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end in time; resume with its <see cref="KlingException.Task"/>.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The create's outcome is unknown; its <see cref="KlingException.Task"/> finds the task. Do not create it again.</exception>
    /// <exception cref="KlingApiException">The service refused a request; after the create, its <see cref="KlingException.Task"/> is the task.</exception>
    /// <exception cref="KlingConnectionException">Creating the task got no response and nothing was created.</exception>
    /// <exception cref="KlingDownloadException">The task succeeded but a file could not be saved; its <see cref="KlingException.LastKnownTask"/> has the result URLs.</exception>
    public virtual async Task<KlingGenerationResult> GenerateAsync(
        KlingTaskRequest request,
        string outputPath,
        KlingWaitOptions? waitOptions = null,
        IProgress<KlingDownloadProgress>? downloadProgress = null,
        CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        CheckOutputPath(outputPath, nameof(outputPath));
        waitOptions ??= new KlingWaitOptions();
        KlingTaskWaiter.Validate(waitOptions);

        var created = await CreateTaskAsync(request, cancellationToken).ConfigureAwait(false);
        waitOptions.Progress?.Report(created);
        var done = await WaitTracedAsync(created.Data.Kind, created.Data.TaskId, waitOptions, created.Data.TaskStatus, cancellationToken).ConfigureAwait(false);
        if (done.Data.TaskStatus == KlingTaskStatus.Failed)
        {
            throw TaskFailed(done);
        }

        if (done.Data.TaskStatus != KlingTaskStatus.Succeeded || KlingResultFiles.Of(done.Data).Count == 0)
        {
            throw new KlingDownloadException(
                $"Task '{done.Data.TaskId}' ended with status '{done.Data.TaskStatus}' but its result has no file URL, so nothing could be saved. "
                + "The task is in this exception's LastKnownTask; query it again later (GetTaskAsync) in case the service fills its result.",
                statusCode: null,
                isRetryable: false).About(task: null, done);
        }

        try
        {
            var files = await DownloadResultsAsync(done, outputPath, downloadProgress, cancellationToken).ConfigureAwait(false);
            return new KlingGenerationResult(done, files);
        }
        catch (KlingDownloadException ex)
        {
            // The task is paid for and succeeded: hand it back with the failure, and never as "retryable" (repeating
            // GenerateAsync would pay for a new task; downloading again from the task is the retry).
            throw new KlingDownloadException(
                $"Task '{done.Data.TaskId}' succeeded, but saving its result failed: {ex.Message} The task and its result URLs are in this "
                + "exception's LastKnownTask: save them with DownloadResultsAsync(exception.LastKnownTask, path) (query the task again first if the links expired).",
                ex.StatusCode,
                isRetryable: false,
                ex).About(task: null, done);
        }
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

    private static void CheckOutputPath(string path, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("An output path (a file, or a folder for several files) is required.", parameterName);
        }

        try
        {
            Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' cannot be used as a path: {ex.Message}", parameterName, ex);
        }
    }
}
