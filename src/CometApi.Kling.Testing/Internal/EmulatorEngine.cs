using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The transport-independent emulator: routes a request to a kind of the route table (<see cref="TaskKinds"/>),
/// applies the fault script, checks auth and the body with the kind's checker, and answers from the task store. Every
/// kind shares the life cycle, envelope, lookups, paging, faults and callbacks; a task is visible on its own route only.
/// Both doors (the message handler and the Kestrel server) call <see cref="HandleAsync"/>. One lock guards all state;
/// nothing slow (delays, callbacks) runs while holding it.
/// </summary>
internal sealed class EmulatorEngine : IDisposable
{
    /// <summary>The one route whose query CometAPI documents in a second, wrapped shape (<see cref="KlingEmulatorOptions.WrapOmniVideoQueries"/>).</summary>
    private const string OmniVideoRoute = "videos/omni-video";

    private const string JsonContentType = "application/json";
    private const int DefaultPageSize = 30;
    private const int MaxPageNumber = 1000;
    private const int MaxPageSize = 500;

    private readonly object _gate = new();
    private readonly EmulatorSettings _settings;
    private readonly List<EmulatedTask> _tasks = [];
    private readonly Dictionary<string, EmulatedTask> _tasksById = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ApiKey, string ExternalTaskId), EmulatedTask> _tasksByExternalId = [];
    private readonly List<KlingEmulatorRequest> _requests = [];
    private readonly Dictionary<KlingEmulatorEndpoint, int> _callCounts = [];
    private readonly CallbackDispatcher _callbacks;
    private readonly SyncRoutes _syncRoutes;
    private readonly EmulatorAuthenticator _authenticator;
    private long _sequence;
    private Uri _baseAddress;
    private bool _disposed;

    public EmulatorEngine(EmulatorSettings settings, Uri baseAddress)
    {
        _settings = settings;
        _baseAddress = baseAddress;
        _callbacks = new CallbackDispatcher(settings.CallbackHandler, settings.TimeProvider, settings.WebhookKeys);
        _syncRoutes = new SyncRoutes(settings.RoutePrefix);
        _authenticator = new EmulatorAuthenticator(settings);
    }

    public TimeProvider TimeProvider => _settings.TimeProvider;

    public KlingHost Host => _settings.Host;

    public KlingEmulatorFaults Faults { get; } = new();

    public IReadOnlyCollection<string> ApiKeys => _settings.ApiKeys;

    /// <summary>Where result URLs point; the server door replaces the placeholder with its loopback address.</summary>
    public Uri BaseAddress
    {
        get => Volatile.Read(ref _baseAddress);
        set => Volatile.Write(ref _baseAddress, value);
    }

    public IReadOnlyList<KlingEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<KlingEmulatorTask> Tasks
    {
        get
        {
            lock (_gate)
            {
                var now = TimeProvider.GetUtcNow();
                return [.. _tasks.Select(task => task.Snapshot(now))];
            }
        }
    }

    public IReadOnlyList<KlingEmulatorCallbackDelivery> CallbackDeliveries => _callbacks.Deliveries;

    public Task WaitForCallbacksAsync(CancellationToken cancellationToken) => _callbacks.WaitForIdleAsync(cancellationToken);

    public async Task<EngineResponse> HandleAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var (endpoint, kind, taskId) = Classify(request, _settings.RoutePrefix);
        KlingEmulatorRequest record;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var sequence = ++_sequence;
            _callCounts.TryGetValue(endpoint, out var calls);
            _callCounts[endpoint] = ++calls;
            var fault = Faults.Take(endpoint, calls, sequence);
            record = new KlingEmulatorRequest(
                sequence, endpoint, kind?.Route, calls, request.Method, request.Path, request.Query, request.Headers, request.Body, TimeProvider.GetUtcNow(), fault);
            _requests.Add(record);
        }

        try
        {
            return await HandleRecordedAsync(request, new RoutedRequest(endpoint, kind, taskId), record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A cancelled or failed request still ends its record, as "no response".
            if (!record.IsCompleted)
            {
                record.Complete(null, null);
            }
        }
    }

    public void Dispose()
    {
        List<ITimer> timers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            timers = [.. _tasks.SelectMany(task => task.Timers)];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        _callbacks.Dispose();
    }

    /// <summary>
    /// Which endpoint of which kind a request is for: a kind's route itself (create, lookup by external id, list), the
    /// route plus one segment (query by id, the id unescaped), or a result file. Anything else is
    /// <see cref="KlingEmulatorEndpoint.Other"/>.
    /// </summary>
    private static (KlingEmulatorEndpoint Endpoint, TaskKind? Kind, string? TaskId) Classify(EngineRequest request, string routePrefix)
    {
        var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
        var isGet = request.Method == "GET";
        if (TaskKinds.ByPath(routePrefix, path) is { } kind)
        {
            var endpoint = request.Method == "POST" ? KlingEmulatorEndpoint.Create
                : !isGet ? KlingEmulatorEndpoint.Other
                : QueryHelpers.ParseQuery(request.Query).ContainsKey("external_task_id") ? KlingEmulatorEndpoint.QueryByExternalId
                : KlingEmulatorEndpoint.List;
            return (endpoint, kind, null);
        }

        if (TaskKinds.ByTaskPath(routePrefix, path, out var escapedId) is { } queried)
        {
            return isGet ? (KlingEmulatorEndpoint.Query, queried, Uri.UnescapeDataString(escapedId)) : (KlingEmulatorEndpoint.Other, queried, null);
        }

        if ((isGet || request.IsHead) && TaskKinds.All.Any(k => k.Media.Folders.Any(folder => path.StartsWith(ResultMedia.UrlPrefix + folder + "/", StringComparison.Ordinal))))
        {
            return (KlingEmulatorEndpoint.Video, null, null);
        }

        return (KlingEmulatorEndpoint.Other, null, null);
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("D");

    private static EngineResponse KlingError(HttpStatusCode status, int code, string message) =>
        new((int)status, WireJson.KlingError(code, message, NewRequestId()), JsonContentType);

    private static EngineResponse Ok(byte[] body) => new((int)HttpStatusCode.OK, body, JsonContentType);

    private async Task<EngineResponse> HandleRecordedAsync(
        EngineRequest request, RoutedRequest route, KlingEmulatorRequest record, CancellationToken cancellationToken)
    {
        var fault = record.Fault;
        if (fault is not null && fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        EngineResponse response;
        string? taskId = null;
        switch (fault?.Kind)
        {
            case KlingEmulatorFaultKind.DropBeforeProcessing:
                record.Complete(null, null);
                return EngineResponse.Dropped();
            case KlingEmulatorFaultKind.Response:
                response = new EngineResponse((int)fault.StatusCode, fault.BodyFactory!(NewRequestId()), fault.ContentType);
                break;
            default:
                (response, taskId) = Process(request, route, record);
                break;
        }

        if (fault?.RetryAfterHeader() is { } retryAfter)
        {
            response.Headers.Add(new("Retry-After", retryAfter));
        }

        switch (fault?.Kind)
        {
            case KlingEmulatorFaultKind.DropAfterProcessing:
                record.Complete(null, taskId);
                return EngineResponse.Dropped();
            case KlingEmulatorFaultKind.TruncatedBody:
                response.Disposition = EngineDisposition.Truncate;
                break;
        }

        record.Complete(response.StatusCode, taskId);
        return response;
    }

    private (EngineResponse Response, string? TaskId) Process(EngineRequest request, RoutedRequest route, KlingEmulatorRequest record)
    {
        if (route.Endpoint == KlingEmulatorEndpoint.Video)
        {
            return ServeResult(request);
        }

        // Judged once, and recorded for API paths only: result files and face pictures need no key.
        var authentication = _authenticator.Authenticate(request, TimeProvider.GetUtcNow());
        if (request.Path.StartsWith(_settings.RoutePrefix, StringComparison.Ordinal))
        {
            record.Authenticated(authentication.Seen);
        }

        // Synchronous routes (identify-face) are no task kind: they answer at once, and own the sessions a lip-sync names.
        if (_syncRoutes.Handle(request, route.Kind, authentication.Refusal, authentication.Account, TimeProvider.GetUtcNow(), BaseAddress) is { } synchronous)
        {
            return (synchronous, null);
        }

        if (route.Endpoint == KlingEmulatorEndpoint.Other || route.Kind is not { } kind)
        {
            return (KlingError(HttpStatusCode.NotFound, 1202, $"requested method is invalid: {request.Method} {request.Path}"), null);
        }

        if (authentication.Refusal is { } refused)
        {
            return (refused, null);
        }

        // The account: the API key, or a JWT's access key.
        var apiKey = authentication.Account!;
        var query = QueryHelpers.ParseQuery(request.Query);
        return route.Endpoint switch
        {
            KlingEmulatorEndpoint.Create => Create(request, apiKey, kind),
            KlingEmulatorEndpoint.Query => Find(apiKey, kind, route.TaskId!, byExternalId: false, orExternalId: _settings.Host == KlingHost.Official),
            KlingEmulatorEndpoint.QueryByExternalId => Find(apiKey, kind, QueryValue(query, "external_task_id"), byExternalId: true),
            _ => (List(apiKey, kind, QueryValue(query, "pageNum"), QueryValue(query, "pageSize")), null),
        };
    }

    private static string QueryValue(Dictionary<string, StringValues> query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : string.Empty;

    private (EngineResponse Response, string? TaskId) Create(EngineRequest request, string apiKey, TaskKind kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            return (KlingError(HttpStatusCode.BadRequest, 1200, $"invalid request body: not valid JSON ({ex.Message})"), null);
        }

        List<(KlingTaskStatus Status, DateTimeOffset At)> transitions;
        EmulatedTask task;
        byte[] body;
        DateTimeOffset now;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (KlingError(HttpStatusCode.BadRequest, 1200, "invalid request body: must be a JSON object"), null);
            }

            if (kind.Check(root, _settings, out var fields) is { } problem)
            {
                return (KlingError(HttpStatusCode.BadRequest, 1201, problem), null);
            }

            lock (_gate)
            {
                now = TimeProvider.GetUtcNow();
                // Unique per account across every kind, as Kling words it ("unique per user account"), not per route.
                if (fields!.ExternalTaskId is { } externalId && _tasksByExternalId.TryGetValue((apiKey, externalId), out var existing))
                {
                    existing.CreateAttempts++;
                    return (KlingError(
                        HttpStatusCode.BadRequest,
                        1201,
                        $"invalid external_task_id: '{externalId}' already exists; it must be unique within the account"), null);
                }

                // Kling counts an n-image generation as n tasks toward the account's concurrency (kling-catalogue §0.2).
                if (_settings.MaxRunningTasksPerKey is { } limit && _tasks.Where(t => t.ApiKey == apiKey && t.IsRunningAt(now)).Sum(t => t.Count) + fields.Count > limit)
                {
                    return (KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit"), null);
                }

                task = NewTask(kind, root, fields, apiKey, now);
                _tasks.Add(task);
                _tasksById.Add(task.TaskId, task);
                if (task.ExternalTaskId is { } id)
                {
                    _tasksByExternalId.Add((apiKey, id), task);
                }

                body = WireJson.Created(task, now, NewRequestId(), _settings.SucceededSpelling);
                transitions = task.CallbackUrl is null ? [] : Transitions(task, now);
            }
        }

        ScheduleCallbacks(task, now, transitions);
        return (Ok(body), task.TaskId);
    }

    private EmulatedTask NewTask(TaskKind kind, JsonElement root, CreateFields fields, string apiKey, DateTimeOffset now)
    {
        var processing = _settings.ProcessingDurationSelector?.Invoke(root) ?? _settings.ProcessingDuration;
        if (processing < TimeSpan.Zero)
        {
            processing = TimeSpan.Zero;
        }

        string taskId;
        do
        {
            // 18 digits, like Kling's ids: a client that parses them as numbers rather than strings gets caught.
            taskId = Random.Shared.NextInt64(100_000_000_000_000_000, 1_000_000_000_000_000_000).ToString(CultureInfo.InvariantCulture);
        }
        while (_tasksById.ContainsKey(taskId));

        var risky = _settings.RiskyPromptMarker is { } marker && fields.Prompt is { } prompt && prompt.Contains(marker, StringComparison.OrdinalIgnoreCase);
        var processingAt = now + _settings.SubmittedDuration;
        return new EmulatedTask
        {
            Order = _tasks.Count,
            TaskId = taskId,
            Kind = kind,
            ApiKey = apiKey,
            ExternalTaskId = fields.ExternalTaskId,
            CreatedAt = now,
            ProcessingAt = processingAt,
            FinishesAt = processingAt + processing,
            FailureMessage = risky ? _settings.RiskyTaskStatusMessage : null,
            Request = root.Clone(),
            CallbackUrl = fields.CallbackUrl,
            Watermark = fields.Watermark,
            Duration = fields.Duration,
            VideoId = Guid.NewGuid().ToString("D"),
            AudioId = Guid.NewGuid().ToString("D"),
            Count = fields.Count,
        };
    }

    /// <summary>The statuses the task enters from now on (its current one first), each with the moment it does.</summary>
    private static List<(KlingTaskStatus Status, DateTimeOffset At)> Transitions(EmulatedTask task, DateTimeOffset now)
    {
        var transitions = new List<(KlingTaskStatus, DateTimeOffset)> { (task.StatusAt(now), now) };
        if (task.ProcessingAt > now && task.ProcessingAt < task.FinishesAt)
        {
            transitions.Add((KlingTaskStatus.Processing, task.ProcessingAt));
        }

        if (task.FinishesAt > now)
        {
            transitions.Add((task.StatusAt(task.FinishesAt), task.FinishesAt));
        }

        return transitions;
    }

    private void ScheduleCallbacks(EmulatedTask task, DateTimeOffset now, List<(KlingTaskStatus Status, DateTimeOffset At)> transitions)
    {
        // Timers are created outside the lock: a fake clock may fire a due timer from inside CreateTimer.
        foreach (var (status, at) in transitions)
        {
            if (at <= now)
            {
                Announce(task, status, at);
                continue;
            }

            var timer = TimeProvider.CreateTimer(
                state => Announce(task, status, at),
                state: null,
                at - now,
                Timeout.InfiniteTimeSpan);
            lock (_gate)
            {
                if (_disposed)
                {
                    timer.Dispose();
                    return;
                }

                // Kept referenced: an unreferenced system timer can be collected before it fires.
                task.Timers.Add(timer);
            }
        }
    }

    private void Announce(EmulatedTask task, KlingTaskStatus status, DateTimeOffset at)
    {
        // A system timer runs on a monotonic clock and may fire a little before the wall clock reaches the transition:
        // a receiver that re-fetches the task at once would still see the old status. Wait out the difference first.
        var early = at - TimeProvider.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            var timer = TimeProvider.CreateTimer(state => Announce(task, status, at), state: null, early, Timeout.InfiniteTimeSpan);
            lock (_gate)
            {
                if (_disposed)
                {
                    timer.Dispose();
                    return;
                }

                task.Timers.Add(timer);
            }

            return;
        }

        byte[] body;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Built as of the transition, not of whenever the timer ran: the body is the same whatever the clock does.
            body = _settings.NewStandardCallbacks
                ? WireJson.NewStandardTask(task, at, BaseAddress)
                : WireJson.Task(task, at, BaseAddress, _settings.SucceededSpelling);
            _callbacks.Enqueue(task, task.CallbackUrl!, status, at, body);
        }
    }

    // orExternalId: whether an id that is no visible task id of the route may be an external id (Kling's own host
    // lists both as the query's path parameter); a task id wins when both would match.
    private (EngineResponse Response, string? TaskId) Find(string apiKey, TaskKind kind, string id, bool byExternalId, bool orExternalId = false)
    {
        if (id.Length == 0)
        {
            return (KlingError(HttpStatusCode.BadRequest, 1201, byExternalId ? "invalid external_task_id: empty" : "invalid task_id: empty"), null);
        }

        lock (_gate)
        {
            var found = byExternalId
                ? _tasksByExternalId.GetValueOrDefault((apiKey, id))
                : _tasksById.GetValueOrDefault(id);
            if (orExternalId && !byExternalId && (found is null || found.ApiKey != apiKey || found.Kind != kind))
            {
                found = _tasksByExternalId.GetValueOrDefault((apiKey, id));
            }

            if (found is null || found.ApiKey != apiKey || found.Kind != kind)
            {
                // Another key's task, or a task of another kind asked for on this route, is as invisible as one that
                // never existed: Kling answers the same, and a client must not mistake one kind's task for another's.
                return (KlingError(HttpStatusCode.NotFound, 1203, $"task not found: {(byExternalId ? "external_task_id" : orExternalId ? "task_id or external_task_id" : "task_id")} '{id}'"), null);
            }

            found.QueryCount++;
            var body = _settings.WrapOmniVideoQueries && found.Kind.Route == OmniVideoRoute
                ? WireJson.Wrapped(found, TimeProvider.GetUtcNow(), BaseAddress, NewRequestId(), _settings.SucceededSpelling)
                : WireJson.Single(found, TimeProvider.GetUtcNow(), BaseAddress, NewRequestId(), _settings.SucceededSpelling);
            return (Ok(body), found.TaskId);
        }
    }

    private EngineResponse List(string apiKey, TaskKind kind, string pageNumText, string pageSizeText)
    {
        if (!TryParsePaging(pageNumText, 1, MaxPageNumber, 1, out var pageNum))
        {
            return KlingError(HttpStatusCode.BadRequest, 1201, $"invalid pageNum: '{pageNumText}' is not an integer between 1 and {MaxPageNumber}");
        }

        if (!TryParsePaging(pageSizeText, DefaultPageSize, MaxPageSize, 1, out var pageSize))
        {
            return KlingError(HttpStatusCode.BadRequest, 1201, $"invalid pageSize: '{pageSizeText}' is not an integer between 1 and {MaxPageSize}");
        }

        lock (_gate)
        {
            // Newest first; creation order breaks ties, since a fake clock gives many tasks the same timestamp.
            var page = _tasks
                .Where(task => task.ApiKey == apiKey && task.Kind == kind)
                .OrderByDescending(task => task.Order)
                .Skip((pageNum - 1) * pageSize)
                .Take(pageSize);
            return Ok(WireJson.List(page, TimeProvider.GetUtcNow(), BaseAddress, NewRequestId(), _settings.SucceededSpelling));
        }
    }

    private static bool TryParsePaging(string text, int defaultValue, int max, int min, out int value)
    {
        if (text.Length == 0)
        {
            value = defaultValue;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>A succeeded task's result file: <c>/emulator/{folder}/{name}</c>, one of its kind's files, with no key needed.</summary>
    private (EngineResponse Response, string? TaskId) ServeResult(EngineRequest request)
    {
        var path = request.Path[ResultMedia.UrlPrefix.Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (NotFound(), null);
        }

        var folder = path[..slash];
        var name = Uri.UnescapeDataString(path[(slash + 1)..]);

        // Every file is named after its task: the id runs up to the first '-' (an index or the watermark) or '.'.
        var end = name.IndexOfAny(['-', '.']);
        if (end <= 0)
        {
            return (NotFound(), null);
        }

        var id = name[..end];
        ResultFile? file;
        lock (_gate)
        {
            file = _tasksById.TryGetValue(id, out var task) && task.StatusAt(TimeProvider.GetUtcNow()) == KlingTaskStatus.Succeeded
                ? task.Kind.Media.FilesOf(task).FirstOrDefault(candidate => candidate.Folder == folder && candidate.Name == name)
                : null;
        }

        return file is null ? (NotFound(), null) : (FileResponse(request, file), id);
    }

    private static EngineResponse NotFound() => new((int)HttpStatusCode.NotFound, "video not found\n"u8.ToArray(), "text/plain");

    /// <summary>The media's file, honouring a single <c>Range: bytes=a-b</c> as a CDN does, so resumable downloads can be tested.</summary>
    private static EngineResponse FileResponse(EngineRequest request, ResultFile file)
    {
        var video = file.Content;
        EngineResponse response;
        long start = 0;
        long end = video.Length - 1;
        var parsed = request.Headers.TryGetValue("Range", out var range) ? TryParseRange(range, video.Length, out start, out end) : null;
        if (parsed is not null)
        {
            if (parsed == false)
            {
                response = new EngineResponse((int)HttpStatusCode.RequestedRangeNotSatisfiable, [], null);
                response.Headers.Add(new("Content-Range", FormattableString.Invariant($"bytes */{video.Length}")));
                return response;
            }

            response = new EngineResponse((int)HttpStatusCode.PartialContent, video[(int)start..((int)end + 1)], file.ContentType);
            response.Headers.Add(new("Content-Range", FormattableString.Invariant($"bytes {start}-{end}/{video.Length}")));
        }
        else
        {
            response = new EngineResponse((int)HttpStatusCode.OK, video, file.ContentType);
        }

        response.Headers.Add(new("Accept-Ranges", "bytes"));
        return response;
    }

    /// <summary>Null: no usable single range (serve everything); false: unsatisfiable; true: serve start..end.</summary>
    private static bool? TryParseRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        const string Unit = "bytes=";
        if (!header.StartsWith(Unit, StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header[Unit.Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash];
        var last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            // A suffix range: the last n bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            if (suffix == 0)
            {
                return false;
            }

            start = Math.Max(0, length - suffix);
            return true;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return null;
        }

        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }

            end = Math.Min(end, length - 1);
        }

        return start < length ? true : false;
    }

    /// <summary>Where <see cref="Classify"/> sent a request: the endpoint, the kind whose route it is on, and a queried id.</summary>
    private readonly record struct RoutedRequest(KlingEmulatorEndpoint Endpoint, TaskKind? Kind, string? TaskId);
}
