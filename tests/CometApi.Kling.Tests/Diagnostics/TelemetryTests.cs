using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CometApi.Kling.Testing;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Diagnostics;

/// <summary>
/// What OpenTelemetry users see from the <c>CometApi.Kling</c> ActivitySource and Meter in a scripted scenario. The
/// listeners are process-wide and other tests run in parallel, so each test runs under its own parent activity and
/// keeps only spans of that trace and measurements made while that trace was current.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private const string Key = "sk-telemetry-canary-93b1f0d7e2";
    private const string PromptMarker = "prompt-marker-a8c31f";
    private static readonly ActivitySource TestSource = new("CometApi.Kling.Tests.Telemetry");
    private static readonly string ImageBase64 = Convert.ToBase64String(TestImages.Png(400, 400, totalLength: 3000));

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();
    private readonly KlingEmulator _emulator;
    private readonly KlingClient _client;
    private Activity? _parent;

    public TelemetryTests()
    {
        // The test source must exist before the listener is added, or the listener never hears of it.
        var testSourceName = TestSource.Name;
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CometApi.Kling" || source.Name == testSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "CometApi.Kling" && _parent is not null && activity.TraceId == _parent.TraceId)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "CometApi.Kling")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();

        _emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock, ApiKeys = [Key] });
        _client = _emulator.CreateClient(options => options.ApiKey = Key);
    }

    public void Dispose()
    {
        _parent?.Dispose();
        _activityListener.Dispose();
        _meterListener.Dispose();
        _emulator.Dispose();
        _directory.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts this test's trace inside the test method. Started in the constructor, it became Activity.Current for the
    /// rest of the runner's flow that built the instance, and calls of other tests were then measured as this one's.
    /// </summary>
    private void StartTrace() => _parent = TestSource.StartActivity("test")!;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Measurements are made inside the SDK's call, where this test's trace is current.
        if (_parent is not null && Activity.Current?.TraceId == _parent.TraceId)
        {
            _measurements.Enqueue((instrument.Name, value, tags.ToArray()));
        }
    }

    private static ImageToVideoRequest Request(string prompt = "a cat turns its head") => new()
    {
        Image = KlingImage.FromBase64(ImageBase64),
        Prompt = prompt + " " + PromptMarker,
    };

    private double Sum(string instrument, string? tag = null, string? value = null) => _measurements
        .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))))
        .Sum(m => m.Value);

    private Activity[] Spans(string name) => _spans.Where(span => span.OperationName == name).ToArray();

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    [Fact]
    public async Task Create_wait_and_download_emit_spans_with_task_ids_and_the_meter_counts_what_happened()
    {
        StartTrace();
        // The first create answers 503 (ambiguous): the client looks the task up, does not find it, sends again.
        _emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.KlingError(HttpStatusCode.ServiceUnavailable, 5001, "busy"), onCall: 1);

        var created = await _clock.RunAsync(() => _client.CreateImageToVideoAsync(Request(), Token));
        var done = await _clock.RunAsync(() => _client.WaitForCompletionAsync(created, cancellationToken: Token));
        var path = Assert.Single(await _clock.RunAsync(() => _client.DownloadResultsAsync(done, KlingOutput.File(_directory.File("v.mp4")), cancellationToken: Token)));

        var taskId = created.Data.TaskId;
        var create = Assert.Single(Spans("kling.create"));
        Assert.Equal(taskId, Tag(create, "kling.task_id"));
        Assert.StartsWith("kling-", Tag(create, "kling.external_task_id"), StringComparison.Ordinal);
        Assert.Equal(ActivityStatusCode.Unset, create.Status);
        Assert.Equal(_parent!.SpanId, create.ParentSpanId);

        var wait = Assert.Single(Spans("kling.wait"));
        Assert.Equal(taskId, Tag(wait, "kling.task_id"));
        Assert.Equal("succeed", Tag(wait, "kling.task_status"));
        var polls = _emulator.Requests.Where(request => request.Endpoint == KlingEmulatorEndpoint.Query && request.ResponseStatusCode == 200).ToArray();
        var queries = Spans("kling.query");
        Assert.Equal(polls.Length, queries.Length);
        Assert.All(queries, query => Assert.Equal(taskId, Tag(query, "kling.task_id")));
        Assert.All(queries, query => Assert.Equal(wait.SpanId, query.ParentSpanId));
        Assert.Equal("succeed", Tag(queries[^1], "kling.task_status"));

        var download = Assert.Single(Spans("kling.download"));
        Assert.Equal(taskId, Tag(download, "kling.task_id"));
        Assert.Equal(_emulator.BaseAddress.Host, Tag(download, "server.address"));
        Assert.Equal(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(download, "kling.download.bytes"));
        Assert.Equal(ActivityStatusCode.Unset, download.Status);

        // One logical create is one task, whatever the retries.
        Assert.Equal(1, Sum("kling.tasks.created"));
        Assert.Equal(1, Sum("kling.retries"));
        Assert.Equal(1, Sum("kling.retries", "reason", "HTTP 503 code 5001"));
        Assert.Equal(polls.Length, Sum("kling.polls"));
        Assert.Equal(1, Sum("kling.polls", "status", "succeed"));
        var duration = Assert.Single(_measurements, m => m.Instrument == "kling.task.duration");
        // From the service's created_at to updated_at: the whole task, not just the part this wait saw.
        Assert.Equal((done.Data.UpdatedAt - done.Data.CreatedAt).TotalSeconds, duration.Value, precision: 3);
        Assert.Contains(duration.Tags, tag => tag.Key == "status" && Equals(tag.Value, "succeed"));
        Assert.Equal(0, Sum("kling.failures"));
        AssertNoSecretsInTags();
    }

    [Fact]
    public async Task Failed_calls_mark_their_spans_as_errors_and_count_failures_by_code()
    {
        StartTrace();
        _emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.CometError(HttpStatusCode.InternalServerError, "bad field", code: "invalid_request"), onCall: 1);
        // Not a transient status: downloads retry those (and then succeed), so the failed span needs an expired link.
        _emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.Status(HttpStatusCode.Forbidden), onCall: 1);

        await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() => _client.CreateImageToVideoAsync(Request(), Token)));
        await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() => _client.GetTaskAsync(KlingTaskKind.ImageToVideo, "123456789012345678", Token)));
        await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() => _client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "223456789012345678"), cancellationToken: Token)));
        var created = await _clock.RunAsync(() => _client.CreateImageToVideoAsync(Request(), Token));
        _clock.Fake.Advance(TimeSpan.FromMinutes(1));
        var done = await _clock.RunAsync(() => _client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, Token));
        await Assert.ThrowsAsync<KlingDownloadException>(() => _clock.RunAsync(() => _client.DownloadResultsAsync(done, KlingOutput.File(_directory.File("v.mp4")), cancellationToken: Token)));

        var create = Spans("kling.create");
        Assert.Equal(2, create.Length);
        Assert.Equal(ActivityStatusCode.Error, create[0].Status);
        Assert.Equal("HTTP 500 invalid_request", Tag(create[0], "error.type"));
        Assert.Equal(ActivityStatusCode.Unset, create[1].Status);

        var failedQueries = Spans("kling.query").Where(span => span.Status == ActivityStatusCode.Error).ToArray();
        Assert.Equal(["123456789012345678", "223456789012345678"], failedQueries.Select(span => Tag(span, "kling.task_id")));
        Assert.All(failedQueries, span => Assert.Equal("HTTP 404 code 1203", Tag(span, "error.type")));

        var wait = Assert.Single(Spans("kling.wait"));
        Assert.Equal(ActivityStatusCode.Error, wait.Status);
        Assert.Equal("223456789012345678", Tag(wait, "kling.task_id"));
        Assert.Equal("HTTP 404 code 1203", Tag(wait, "error.type"));

        var download = Assert.Single(Spans("kling.download"));
        Assert.Equal(ActivityStatusCode.Error, download.Status);
        Assert.Equal(created.Data.TaskId, Tag(download, "kling.task_id"));
        Assert.Equal("HTTP 403", Tag(download, "error.type"));

        Assert.Equal(1, Sum("kling.failures", "reason", "HTTP 500 invalid_request"));
        Assert.Equal(2, Sum("kling.failures", "reason", "HTTP 404 code 1203"));
        Assert.Equal(1, Sum("kling.failures", "reason", "HTTP 403"));
        var failures = _measurements.Where(m => m.Instrument == "kling.failures").Select(m => string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))).ToArray();
        Assert.True(failures.Length == 4, "failures: " + string.Join(" | ", failures)); // names strays if another test's calls ever leak in
        Assert.Equal(1, Sum("kling.tasks.created"));
        Assert.Equal(0, Sum("kling.retries"));
        Assert.DoesNotContain(_measurements, m => m.Instrument == "kling.task.duration");
        AssertNoSecretsInTags();
    }

    private void AssertNoSecretsInTags()
    {
        var texts = _spans.SelectMany(span => span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName).Append(span.StatusDescription ?? string.Empty))
            .Concat(_measurements.SelectMany(m => m.Tags.Select(tag => $"{tag.Key}={tag.Value}")));
        var all = string.Join("\n", texts);
        Assert.NotEmpty(all);
        Assert.DoesNotContain(Key, all, StringComparison.Ordinal);
        Assert.DoesNotContain(PromptMarker, all, StringComparison.Ordinal);
        Assert.DoesNotContain("cat turns", all, StringComparison.Ordinal);
        for (var i = 0; i + 32 <= ImageBase64.Length; i += 16)
        {
            Assert.DoesNotContain(ImageBase64.Substring(i, 32), all, StringComparison.Ordinal);
        }
    }
}
