using System.Runtime.CompilerServices;
using CometApi.Kling.Diagnostics;
using CometApi.Kling.Download;
using CometApi.Kling.Http;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using CometApi.Kling.Waiting;

namespace CometApi.Kling;

/// <summary>
/// The client for Kling through CometAPI (or any Kling-compatible host). Each kind of task has its create method
/// (<see cref="CreateImageToVideoAsync"/>, <see cref="CreateTextToVideoAsync"/>, …); everything after the create takes a
/// task of any kind: <see cref="GetTaskAsync"/>, <see cref="WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>,
/// <see cref="DownloadResultsAsync"/>, and <see cref="GenerateAsync"/> for create → wait → download in one call.
/// Thread-safe; create one per application (or use <c>services.AddKlingClient(...)</c>) and share it.
/// </summary>
/// <remarks>Every method is virtual and a protected constructor exists, so the client can be mocked in tests.</remarks>
public partial class KlingClient
{
    private const int MaxPageNumber = 1000;
    private const int MaxPageSize = 500;

    // Shared by every client created without an HttpClient: one connection pool per process, as .NET recommends.
    // No HttpClient.Timeout: the resilience pipeline's attempt and total timeouts rule (KlingResilienceOptions).
    // API calls never follow redirects (the key stays with the configured host); downloads do (docs/security.md).
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient(KlingHttpHandlers.CreateDefault()) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly KlingRequestSender? _sender;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly KlingRequestValidator _validator;
    private readonly KlingTelemetry _telemetry = new(loggerFactory: null);
    private readonly KlingTaskSlots? _slots;
    private readonly bool _autoExternalTaskId = true;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<KlingTaskKind, Uri> _routeUris = new();

    // Kinds are routed under this path of the base address: the host's (kling/v1/ on CometAPI, v1/ on Kling's own) or the settings'.
    private string RoutePrefix { get; } = KlingHostProfile.DefaultRoutePrefix(KlingHost.CometApi);

    /// <summary>Creates a client that uses a process-wide <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; <see langword="null"/> means the defaults (key from <c>COMETAPI_KEY</c>).</param>
    /// <exception cref="ArgumentException">Settings cannot be used (the message names every one).</exception>
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
    /// <exception cref="ArgumentException">Settings cannot be used (the message names every one).</exception>
    /// <remarks>A missing API key is reported by the first call, before anything is sent.</remarks>
    public KlingClient(HttpClient httpClient, KlingClientOptions? options = null)
        : this(httpClient, options, credentialsProvider: null)
    {
    }

    /// <summary>
    /// As <see cref="KlingClient(HttpClient, KlingClientOptions?)"/>, but when <paramref name="credentialsProvider"/> is set
    /// the credentials are asked of it before every request and those of the options are not used (dependency injection:
    /// a key rotated in the options is used by the next request).
    /// </summary>
    internal KlingClient(HttpClient httpClient, KlingClientOptions? options, Func<KlingCredentialSettings>? credentialsProvider)
    {
        if (httpClient is null)
        {
            throw new ArgumentNullException(nameof(httpClient));
        }

        options ??= new KlingClientOptions();
        // The same checks as AddKlingClient's start-up validation, every problem at once (a missing key is reported by the
        // first call instead: a client made in code may be given its key later through the environment).
        var problems = KlingClientOptionsValidator.Problems(options, requireKey: false);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var resilience = options.Resilience.Clone();
        _validator = new KlingRequestValidator(options.ValidationLimits);
        _timeProvider = options.TimeProvider;
        _telemetry = new KlingTelemetry(options.LoggerFactory);
        _autoExternalTaskId = resilience.AutoExternalTaskId;
        _slots = resilience.MaxConcurrentTasks is { } max ? new KlingTaskSlots(max, _telemetry) : null;
        var pipelines = new KlingResiliencePipelines(resilience, _timeProvider, _telemetry);
        var profile = KlingHostProfile.From(options);
        RoutePrefix = profile.RoutePrefix;
        _sender = new KlingRequestSender(httpClient, profile, KlingCredentialSettings.From(options), _timeProvider, pipelines, _telemetry, credentialsProvider);
    }

    /// <summary>For mocking frameworks only: a client made this way cannot send requests.</summary>
    protected KlingClient()
    {
        _validator = new KlingRequestValidator();
    }

    // Null only when a subclass was made with the protected constructor and calls a method it did not override.
    private KlingRequestSender Sender => _sender ?? throw new InvalidOperationException(
        $"This {GetType().Name} was created with the protected constructor (for mocking) and cannot send requests; override the method or create the client with an HttpClient.");

    private static KlingTaskFailedException TaskFailed(TaskResponse task)
    {
        var reason = task.Data.TaskStatusMessage;
        if (reason is { Length: > 1000 })
        {
            reason = reason.Substring(0, 1000) + "…";
        }

        return new KlingTaskFailedException(
            $"Task '{task.Data.TaskId}' failed: {(string.IsNullOrWhiteSpace(reason) ? "the service gave no reason" : $"\"{reason}\"")}. "
            + "Retrying the same request is unlikely to help; change the prompt or input if the reason is a content check.",
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
}
