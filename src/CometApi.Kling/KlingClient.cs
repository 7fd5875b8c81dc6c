using System.Runtime.CompilerServices;
using CometApi.Kling.Diagnostics;
using CometApi.Kling.Download;
using CometApi.Kling.Http;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using CometApi.Kling.Waiting;

namespace CometApi.Kling;

/// <summary>
/// The client for Kling image-to-video through CometAPI: create a task, query it, list tasks. Thread-safe; create one
/// per application (or use <c>services.AddKlingClient(...)</c>) and share it.
/// </summary>
/// <remarks>Every method is virtual and a protected constructor exists, so the client can be mocked in tests.</remarks>
public class KlingClient
{
    private const string ImageToVideoRoute = "kling/v1/videos/image2video";
    private const int MaxPageNumber = 1000;
    private const int MaxPageSize = 500;

    // Shared by every client created without an HttpClient: one connection pool per process, as .NET recommends.
    // No HttpClient.Timeout: the resilience pipeline's attempt and total timeouts rule (KlingResilienceOptions).
    // API calls never follow redirects (the key stays with the configured host); downloads do (docs/security.md).
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient(KlingHttpHandlers.CreateDefault()) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly KlingRequestSender? _sender;
    private readonly Uri? _createUri;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ImageToVideoRequestValidator _validator;
    private readonly KlingTelemetry _telemetry = new(loggerFactory: null);
    private readonly KlingTaskSlots? _slots;
    private readonly bool _autoExternalTaskId = true;

    /// <summary>Creates a client that uses a process-wide <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; <see langword="null"/> means the defaults (key from <c>COMETAPI_KEY</c>).</param>
    /// <exception cref="ArgumentException">A setting cannot be used (the message names it).</exception>
    public KlingClient(KlingClientOptions? options = null)
        : this(SharedHttpClient.Value, options)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">
    /// The client to send with; its <see cref="HttpClient.BaseAddress"/> is not used. Leave its <see cref="HttpClient.Timeout"/>
    /// infinite (the default of the client made by <c>AddKlingClient</c>): a finite one still bounds each attempt up to the
    /// response headers, and such a timeout is retried like an attempt timeout, but the timeouts of
    /// <see cref="KlingClientOptions.Resilience"/> are the ones meant to rule.
    /// </param>
    /// <param name="options">The settings; <see langword="null"/> means the defaults (key from <c>COMETAPI_KEY</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting cannot be used (the message names it).</exception>
    /// <remarks>A missing API key is reported by the first call, before anything is sent.</remarks>
    public KlingClient(HttpClient httpClient, KlingClientOptions? options = null)
        : this(httpClient, options, apiKeyProvider: null)
    {
    }

    /// <summary>
    /// As <see cref="KlingClient(HttpClient, KlingClientOptions?)"/>, but when <paramref name="apiKeyProvider"/> is set the
    /// key is asked of it before every request and <see cref="KlingClientOptions.ApiKey"/> is not used (dependency
    /// injection: a key rotated in the options is used by the next request).
    /// </summary>
    internal KlingClient(HttpClient httpClient, KlingClientOptions? options, Func<string?>? apiKeyProvider)
    {
        if (httpClient is null)
        {
            throw new ArgumentNullException(nameof(httpClient));
        }

        options ??= new KlingClientOptions();
        if (KlingClientOptionsValidator.BaseAddressProblem(options.BaseAddress, options.AllowInsecureBaseAddress) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        if (options.ValidationLimits is null)
        {
            throw new ArgumentException("KlingClientOptions.ValidationLimits is null; leave it at its default or set limits.", nameof(options));
        }

        var limitProblems = options.ValidationLimits.Problems("KlingClientOptions.ValidationLimits").ToArray();
        if (limitProblems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", limitProblems), nameof(options));
        }

        if (options.Resilience is null)
        {
            throw new ArgumentException("KlingClientOptions.Resilience is null; leave it at its default or set resilience options.", nameof(options));
        }

        var resilienceProblems = options.Resilience.Problems("KlingClientOptions.Resilience").ToArray();
        if (resilienceProblems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", resilienceProblems), nameof(options));
        }

        var resilience = options.Resilience.Clone();
        _validator = new ImageToVideoRequestValidator(options.ValidationLimits);
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _telemetry = new KlingTelemetry(options.LoggerFactory);
        _autoExternalTaskId = resilience.AutoExternalTaskId;
        _slots = resilience.MaxConcurrentTasks is { } max ? new KlingTaskSlots(max, _telemetry) : null;
        var pipelines = new KlingResiliencePipelines(resilience, _timeProvider, _telemetry);
        _sender = new KlingRequestSender(httpClient, WithTrailingSlash(options.BaseAddress), options.ApiKey, _timeProvider, pipelines, _telemetry, apiKeyProvider);
        _createUri = _sender.Resolve(ImageToVideoRoute);
    }

    /// <summary>For mocking frameworks only: a client made this way cannot send requests.</summary>
    protected KlingClient()
    {
        _validator = new ImageToVideoRequestValidator();
    }

    /// <summary>
    /// Creates an image-to-video task (<c>POST kling/v1/videos/image2video</c>). The task runs on the service; poll it with
    /// <see cref="GetImageToVideoTaskAsync"/>. The request is first checked against <see cref="KlingClientOptions.ValidationLimits"/>,
    /// and local images are streamed into the body in small chunks.
    /// </summary>
    /// <param name="request">What to generate.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task, usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived; the task may or may not exist (look it up by external id).</exception>
    /// <remarks>Images made with <see cref="KlingImage.FromStream"/> belong to this call: their streams are disposed when it ends, unless made with <c>leaveOpen: true</c>.</remarks>
    public virtual async Task<TaskResponse> CreateImageToVideoAsync(ImageToVideoRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var errors = await _validator.ValidateAsync(request, useAsync: true, cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                throw new KlingValidationException(errors, nameof(request));
            }

            cancellationToken.ThrowIfCancellationRequested();
            return await CreateCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ImageToVideoRequestWriter.ReleaseImagesAfterCall(request);
        }
    }

    /// <summary>Gets an image-to-video task by the service's id (<c>GET kling/v1/videos/image2video/{task_id}</c>).</summary>
    /// <param name="taskId">The <see cref="TaskData.TaskId"/> returned when the task was created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task as it is now.</returns>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request (e.g. unknown task) or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived.</exception>
    public virtual async Task<TaskResponse> GetImageToVideoTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        CheckTaskId(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        return await QueryTaskAsync(taskId, retry: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets an image-to-video task by the id you chose (<see cref="ImageToVideoRequest.ExternalTaskId"/>), for when only
    /// that id was stored (<c>GET kling/v1/videos/image2video?external_task_id=</c>). Kling documents lookup by external id
    /// but not its exact form, and <b>CometAPI does not document it at all</b>; the query-string form used here is the
    /// one third-party clients use. If the host ignores the parameter, this fails rather than return another task.
    /// </summary>
    /// <param name="externalTaskId">Your own id, as sent when the task was created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task as it is now.</returns>
    /// <exception cref="ArgumentException"><paramref name="externalTaskId"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">No task has that external id (HTTP 404), the host answered with a different task, or another error.</exception>
    /// <exception cref="KlingConnectionException">No response arrived.</exception>
    public virtual async Task<TaskResponse> GetImageToVideoTaskByExternalIdAsync(string externalTaskId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(externalTaskId))
        {
            throw new ArgumentException("An external task id is required (ImageToVideoRequest.ExternalTaskId).", nameof(externalTaskId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await QueryByExternalIdAsync(externalTaskId, countFailure: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until a task ends (succeeds or fails), polling with the default <see cref="KlingWaitOptions"/> (30 minutes at most).</summary>
    /// <param name="taskId">The task to wait for: from the create call, or stored earlier (a wait can resume in any process).</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on on the service).</param>
    /// <returns>The task in its terminal state: <see cref="KlingTaskStatus.Succeed"/>, or <see cref="KlingTaskStatus.Failed"/> with the reason in <see cref="TaskData.TaskStatusMessage"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end in time; it carries the task id and the last status.</exception>
    /// <exception cref="KlingApiException">A permanent error ended the wait (unknown task, bad key, account state).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public virtual Task<TaskResponse> WaitForCompletionAsync(string taskId, CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(taskId, options: null, cancellationToken);

    /// <summary>
    /// Waits until a task ends (succeeds or fails) by querying it on a schedule that starts at about 2 s and grows with the
    /// time waited (see <see cref="KlingWaitOptions"/>). Transient errors (network, 5xx, rate limits, unreadable answers)
    /// are retried until the timeout, honouring <c>Retry-After</c>; permanent ones end the wait. Only the individual
    /// query is used, so a wait can be resumed from a stored task id in any process.
    /// </summary>
    /// <param name="taskId">The task to wait for: from the create call, or stored earlier.</param>
    /// <param name="options">The timeout, schedule and progress; <see langword="null"/> means the defaults.</param>
    /// <param name="cancellationToken">Stops waiting (the task goes on on the service).</param>
    /// <returns>The task in its terminal state: a failed task is returned, not thrown.</returns>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is blank, or <paramref name="options"/> has an unusable setting.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end within <see cref="KlingWaitOptions.Timeout"/>; it carries the task id and the last status.</exception>
    /// <exception cref="KlingApiException">A permanent error ended the wait (unknown task, bad key, account state).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public virtual async Task<TaskResponse> WaitForCompletionAsync(string taskId, KlingWaitOptions? options, CancellationToken cancellationToken = default)
    {
        CheckTaskId(taskId);
        options ??= new KlingWaitOptions();
        KlingTaskWaiter.Validate(options);
        return await WaitTracedAsync(taskId, options, alreadyReported: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads the video of a succeeded task (<c>task_result.videos[0].url</c>) to <paramref name="path"/>. The file
    /// appears only once complete: the data goes to a temporary file beside it, renamed over the target (replacing an
    /// existing file) after every announced byte arrived. The API key is not sent to the video host.
    /// </summary>
    /// <param name="task">A task whose status is <see cref="KlingTaskStatus.Succeed"/>, e.g. from <see cref="WaitForCompletionAsync(string, KlingWaitOptions?, CancellationToken)"/>.</param>
    /// <param name="path">Where to save the video (e.g. <c>video.mp4</c>); missing directories are created.</param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk.</param>
    /// <param name="cancellationToken">Cancels the download; nothing is left at <paramref name="path"/>.</param>
    /// <returns>The full path of the saved video.</returns>
    /// <exception cref="ArgumentException">The task has not succeeded or has no video, or <paramref name="path"/> is unusable.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed, so there is no video.</exception>
    /// <exception cref="KlingDownloadException">The link answered an error (403/404: expired, query the task again) or the download was incomplete.</exception>
    public virtual Task<string> DownloadVideoAsync(
        TaskResponse task, string path, IProgress<KlingDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var url = VideoUrl(task);
        return DownloadTaskVideoAsync(task.Data.TaskId, url, path, progress, cancellationToken);
    }

    /// <summary>
    /// Downloads a video from its URL to <paramref name="path"/>, safely: a temporary file beside the target is renamed
    /// over it only when complete, so a failed, cut or canceled download leaves nothing there (and an existing file untouched).
    /// Transient failures (network errors, a stalled or cut body, 408, 429, 5xx) are retried as
    /// <see cref="KlingClientOptions.Resilience"/> says; a retry resumes where the temporary file ends (<c>Range</c>) when
    /// the host allows it. An expired link (401/403/404/410) is not retried.
    /// </summary>
    /// <param name="url">The video URL (<see cref="KlingVideo.Url"/>); it is temporary, so download promptly.</param>
    /// <param name="path">Where to save the video; missing directories are created.</param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk.</param>
    /// <param name="cancellationToken">Cancels the download; nothing is left at <paramref name="path"/>.</param>
    /// <returns>The full path of the saved video.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL, or <paramref name="path"/> is unusable.</exception>
    /// <exception cref="KlingDownloadException">The link answered an error (403/404: expired, query the task again) or the download was incomplete.</exception>
    public virtual async Task<string> DownloadVideoAsync(
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
    /// Downloads a video from its URL into <paramref name="destination"/>, checking that as many bytes arrived as the
    /// server announced. The stream is yours: on failure it may hold part of the video (use the path overload to avoid that).
    /// Transient failures are retried as for the path overload: a retry resumes where the stream ends (<c>Range</c>) when
    /// the host allows it, or else starts over from the stream's first position when it can seek; a stream that can do
    /// neither is not retried once it holds part of the video.
    /// </summary>
    /// <param name="url">The video URL (<see cref="KlingVideo.Url"/>).</param>
    /// <param name="destination">A writable stream; it is not disposed.</param>
    /// <param name="progress">Told the bytes received (and the total, when known) after each chunk.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL, or <paramref name="destination"/> is not writable.</exception>
    /// <exception cref="KlingDownloadException">The link answered an error (403/404: expired, query the task again) or the download was incomplete.</exception>
    public virtual async Task<long> DownloadVideoAsync(
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
    /// The common case in one call: creates the task, waits for it (see <see cref="WaitForCompletionAsync(string, KlingWaitOptions?, CancellationToken)"/>)
    /// and downloads the video to <paramref name="outputPath"/> (see <see cref="DownloadVideoAsync(Uri, string, IProgress{KlingDownloadProgress}?, CancellationToken)"/>).
    /// </summary>
    /// <param name="request">What to generate. Set <see cref="ImageToVideoRequest.ExternalTaskId"/> to be able to find the task again whatever happens.</param>
    /// <param name="outputPath">Where to save the video; checked before the (paid) task is created.</param>
    /// <param name="waitOptions">The wait's timeout, schedule and progress; its <see cref="KlingWaitOptions.Progress"/> is first told the created task, so its id is known at once.</param>
    /// <param name="downloadProgress">Told the bytes received after each chunk.</param>
    /// <param name="cancellationToken">Cancels the whole operation (a created task goes on on the service).</param>
    /// <returns>The succeeded task and the full path of the video.</returns>
    /// <exception cref="ArgumentException">The request, the path or the wait options cannot be used; nothing was sent.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed; it carries the task id and <c>task_status_msg</c>.</exception>
    /// <exception cref="KlingWaitTimeoutException">The task did not end in time; resume with its <see cref="KlingWaitTimeoutException.TaskId"/>.</exception>
    /// <exception cref="KlingApiException">The service refused a request.</exception>
    /// <exception cref="KlingConnectionException">Creating the task got no response; look it up by external id before sending it again.</exception>
    /// <exception cref="KlingDownloadException">The video could not be downloaded completely; nothing was left at <paramref name="outputPath"/>.</exception>
    public virtual async Task<KlingVideoResult> GenerateVideoAsync(
        ImageToVideoRequest request,
        string outputPath,
        KlingWaitOptions? waitOptions = null,
        IProgress<KlingDownloadProgress>? downloadProgress = null,
        CancellationToken cancellationToken = default)
    {
        CheckPath(outputPath, nameof(outputPath));
        waitOptions ??= new KlingWaitOptions();
        KlingTaskWaiter.Validate(waitOptions);

        var created = await CreateImageToVideoAsync(request, cancellationToken).ConfigureAwait(false);
        waitOptions.Progress?.Report(created);
        var done = await WaitTracedAsync(created.Data.TaskId, waitOptions, created.Data.TaskStatus, cancellationToken).ConfigureAwait(false);

        if (done.Data.TaskStatus == KlingTaskStatus.Failed)
        {
            throw TaskFailed(done);
        }

        var path = await DownloadVideoAsync(done, outputPath, downloadProgress, cancellationToken).ConfigureAwait(false);
        return new KlingVideoResult(done, path);
    }

    /// <summary>
    /// Gets one page of your image-to-video tasks (<c>GET kling/v1/videos/image2video?pageNum=&amp;pageSize=</c>).
    /// This is the official Kling list endpoint; CometAPI does not document it.
    /// </summary>
    /// <param name="pageNumber">The page, 1 to 1000.</param>
    /// <param name="pageSize">Tasks per page, 1 to 500.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; fewer than <paramref name="pageSize"/> tasks means it is the last one.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A paging argument is out of range; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived.</exception>
    public virtual async Task<TaskListResponse> GetImageToVideoTaskPageAsync(int pageNumber = 1, int pageSize = 30, CancellationToken cancellationToken = default)
    {
        CheckPaging(pageNumber, pageSize);
        cancellationToken.ThrowIfCancellationRequested();
        var route = FormattableString.Invariant($"{ImageToVideoRoute}?pageNum={pageNumber}&pageSize={pageSize}");
        return await Sender.SendAsync(
            HttpMethod.Get, route, KlingJsonContext.Default.TaskListResponse, $"Listing tasks (page {pageNumber})", retry: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Lists all your image-to-video tasks, fetching pages as you enumerate (official Kling list endpoint; CometAPI does
    /// not document it). Enumeration stops after the first short page or page 1000.
    /// </summary>
    /// <param name="pageSize">Tasks fetched per request, 1 to 500.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The tasks, in the service's order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range; nothing was sent.</exception>
    public virtual IAsyncEnumerable<TaskData> ListImageToVideoTasksAsync(int pageSize = 30, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so a bad argument fails at the call rather than at the first MoveNextAsync.
        CheckPaging(1, pageSize);
        return ListCoreAsync(pageSize, cancellationToken);
    }

    private async IAsyncEnumerable<TaskData> ListCoreAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; page <= MaxPageNumber; page++)
        {
            var response = await GetImageToVideoTaskPageAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var task in response.Data)
            {
                yield return task;
            }

            if (response.Data.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The query a wait polls with: one attempt (with its attempt timeout), because the wait loop is already the retry
    /// loop of its polls (backoff, Retry-After, its own deadline). A client made for mocking polls through the virtual
    /// <see cref="GetImageToVideoTaskAsync"/>.
    /// </summary>
    private Func<string, CancellationToken, Task<TaskResponse>> Poll =>
        _sender is null ? GetImageToVideoTaskAsync : (taskId, token) => QueryTaskAsync(taskId, retry: false, token);

    /// <summary>The wait with its span: tagged with the task id and the final status, marked failed when the wait throws.</summary>
    private async Task<TaskResponse> WaitTracedAsync(string taskId, KlingWaitOptions options, KlingTaskStatus? alreadyReported, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start("kling.wait", taskId);
        try
        {
            var done = await KlingTaskWaiter.WaitAsync(Poll, taskId, options, _timeProvider, alreadyReported, cancellationToken, _telemetry.StatusChanged)
                .ConfigureAwait(false);
            activity?.SetTag("kling.task_status", done.Data.TaskStatus.ToString());
            return done;
        }
        catch (Exception ex) when (ex is KlingException)
        {
            KlingTelemetry.Fail(activity, ex);
            throw;
        }
    }

    /// <summary>The task overload's download: its span carries the task id; the URL overload it calls tags and fails that span.</summary>
    private async Task<string> DownloadTaskVideoAsync(string taskId, Uri url, string path, IProgress<KlingDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start(KlingTelemetry.DownloadSpan, taskId);
        return await DownloadVideoAsync(url, path, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs, counts and traces one download (a span of its own unless the task overload already opened one). Only the
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
        try
        {
            var result = await download(cancellationToken).ConfigureAwait(false);
            var length = bytes(result);
            span?.SetTag("kling.download.bytes", length);
            _telemetry.DownloadCompleted(url, length);
            return result;
        }
        catch (Exception ex) when (ex is KlingException)
        {
            KlingTelemetry.Fail(span, ex);
            _telemetry.DownloadFailed(url, ex);
            throw;
        }
    }

    private KlingVideoDownloader.DownloadSettings DownloadSettings =>
        new(Sender.Pipelines.Download, Sender.Pipelines.Options.QueryAttemptTimeout, _timeProvider);

    /// <summary>
    /// The lookup by external id. A create's reconciliation passes <paramref name="countFailure"/> false: "not found"
    /// is an expected answer there, and what the create ends in is counted once, by the create.
    /// </summary>
    private async Task<TaskResponse> QueryByExternalIdAsync(string externalTaskId, bool countFailure, CancellationToken cancellationToken)
    {
        var operation = $"Querying the task with external id '{externalTaskId}'";
        var response = await Sender.SendAsync(
            HttpMethod.Get, $"{ImageToVideoRoute}?external_task_id={Uri.EscapeDataString(externalTaskId)}", KlingJsonContext.Default.ExternalIdTaskResponse, operation, retry: true, cancellationToken, countFailure)
            .ConfigureAwait(false);
        var task = response.ToTaskResponse(externalTaskId, operation);
        _slots?.Observe(task);
        return task;
    }

    private async Task<TaskResponse> QueryTaskAsync(string taskId, bool retry, CancellationToken cancellationToken)
    {
        using var activity = KlingTelemetry.Start("kling.query", taskId);
        try
        {
            var task = await Sender.SendAsync(
                HttpMethod.Get, $"{ImageToVideoRoute}/{Uri.EscapeDataString(taskId)}", KlingJsonContext.Default.TaskResponse, $"Querying task '{taskId}'", retry, cancellationToken)
                .ConfigureAwait(false);
            activity?.SetTag("kling.task_status", task.Data.TaskStatus.ToString());
            _telemetry.Polled(task);
            _slots?.Observe(task);
            return task;
        }
        catch (Exception ex) when (ex is KlingException)
        {
            KlingTelemetry.Fail(activity, ex);
            throw;
        }
    }

    private async Task<TaskResponse> CreateCoreAsync(ImageToVideoRequest request, CancellationToken cancellationToken)
    {
        var sender = Sender;
        sender.CheckKey(content: null);

        // One id per logical create, written into every attempt's body: the service refuses a second task with it, and
        // an ambiguous failure can be settled by looking the task up (docs/resilience.md).
        var externalTaskId = request.ExternalTaskId ?? (_autoExternalTaskId ? ExternalTaskIds.New() : null);
        using var activity = KlingTelemetry.Start("kling.create");
        activity?.SetTag("kling.external_task_id", externalTaskId);
        var slot = _slots is null ? null : await _slots.AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await KlingCreateExecutor.CreateAsync(
                (attempt, token) => sender.SendOnceAsync(
                    HttpMethod.Post, _createUri!, new ImageToVideoRequestContent(request, externalTaskId: externalTaskId), KlingJsonContext.Default.TaskResponse, "Creating the image-to-video task", token),
                externalTaskId is null ? null : token => QueryByExternalIdAsync(externalTaskId, countFailure: false, token),
                externalTaskId,
                sender.Pipelines,
                _telemetry,
                cancellationToken).ConfigureAwait(false);
            activity?.SetTag("kling.task_id", created.Data.TaskId);
            _telemetry.Created(created, externalTaskId);
            slot?.Bind(created);
            slot = null;
            return created;
        }
        catch (Exception ex) when (ex is KlingException)
        {
            KlingTelemetry.Fail(activity, ex);
            _telemetry.Failed("Creating the image-to-video task", ex);
            throw;
        }
        finally
        {
            // Any create that throws gives its slot back, an ambiguous one too: its task id is unknown, so this client
            // could never see that task end, and holding the slot would leak it (docs/resilience.md, Concurrency).
            slot?.Dispose();
        }
    }

    // Null only when a subclass was made with the protected constructor and calls a method it did not override.
    private KlingRequestSender Sender => _sender ?? throw new InvalidOperationException(
        $"This {GetType().Name} was created with the protected constructor (for mocking) and cannot send requests; override the method or create the client with an HttpClient.");

    private static Uri VideoUrl(TaskResponse task)
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

        if (data.TaskStatus != KlingTaskStatus.Succeed)
        {
            throw new ArgumentException(
                $"Task '{data.TaskId}' has not succeeded yet (status '{data.TaskStatus}'), so it has no video; wait for it with WaitForCompletionAsync first.", nameof(task));
        }

        var videos = data.TaskResult?.Videos;
        var url = videos is { Count: > 0 } ? videos[0].Url : null;
        if (url is null)
        {
            throw new ArgumentException($"Task '{data.TaskId}' succeeded but its result has no video URL (task_result.videos[0].url).", nameof(task));
        }

        return url;
    }

    private static KlingTaskFailedException TaskFailed(TaskResponse task)
    {
        var reason = task.Data.TaskStatusMessage;
        if (reason is { Length: > 1000 })
        {
            reason = reason.Substring(0, 1000) + "…";
        }

        return new KlingTaskFailedException(
            $"Task '{task.Data.TaskId}' failed: {(string.IsNullOrWhiteSpace(reason) ? "the service gave no reason" : $"\"{reason}\"")}. "
            + "Retrying the same request is unlikely to help; change the prompt or image if the reason is a content check.",
            task);
    }

    private static void CheckPath(string path, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("An output file path is required.", parameterName);
        }

        try
        {
            var full = Path.GetFullPath(path);
            if (string.IsNullOrEmpty(Path.GetFileName(full)))
            {
                throw new ArgumentException($"'{path}' names a directory; give a file path such as 'video.mp4'.", parameterName);
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' cannot be used as a file path: {ex.Message}", parameterName, ex);
        }
    }

    private static void CheckTaskId(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("A task id is required (TaskData.TaskId from the create call).", nameof(taskId));
        }
    }

    private static void CheckPaging(int pageNumber, int pageSize)
    {
        if (pageNumber is < 1 or > MaxPageNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, $"The page number must be between 1 and {MaxPageNumber}.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
}
