using System.Runtime.CompilerServices;
using CometApi.Kling.Http;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;

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
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient());

    private readonly KlingRequestSender? _sender;
    private readonly ImageToVideoRequestValidator _validator;

    /// <summary>Creates a client that uses a process-wide <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; <see langword="null"/> means the defaults (key from <c>COMETAPI_KEY</c>).</param>
    /// <exception cref="ArgumentException">A setting cannot be used (the message names it).</exception>
    public KlingClient(KlingClientOptions? options = null)
        : this(SharedHttpClient.Value, options)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The client to send with; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The settings; <see langword="null"/> means the defaults (key from <c>COMETAPI_KEY</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting cannot be used (the message names it).</exception>
    /// <remarks>A missing API key is reported by the first call, before anything is sent.</remarks>
    public KlingClient(HttpClient httpClient, KlingClientOptions? options = null)
    {
        if (httpClient is null)
        {
            throw new ArgumentNullException(nameof(httpClient));
        }

        options ??= new KlingClientOptions();
        if (KlingClientOptionsValidator.BaseAddressProblem(options.BaseAddress) is { } problem)
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

        _validator = new ImageToVideoRequestValidator(options.ValidationLimits);
        _sender = new KlingRequestSender(httpClient, WithTrailingSlash(options.BaseAddress), options.ApiKey);
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
            return await Sender.SendAsync(
                HttpMethod.Post, ImageToVideoRoute, new ImageToVideoRequestContent(request), KlingJsonContext.Default.TaskResponse, "Creating the image-to-video task", cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            foreach (var image in ImageToVideoRequestWriter.Images(request))
            {
                image.Source?.ReleaseAfterCall();
            }
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
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("A task id is required (TaskData.TaskId from the create call).", nameof(taskId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await Sender.SendAsync(
            HttpMethod.Get, $"{ImageToVideoRoute}/{Uri.EscapeDataString(taskId)}", content: null, KlingJsonContext.Default.TaskResponse, $"Querying task '{taskId}'", cancellationToken)
            .ConfigureAwait(false);
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
            HttpMethod.Get, route, content: null, KlingJsonContext.Default.TaskListResponse, $"Listing tasks (page {pageNumber})", cancellationToken)
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

    // Null only when a subclass was made with the protected constructor and calls a method it did not override.
    private KlingRequestSender Sender => _sender ?? throw new InvalidOperationException(
        $"This {GetType().Name} was created with the protected constructor (for mocking) and cannot send requests; override the method or create the client with an HttpClient.");

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
