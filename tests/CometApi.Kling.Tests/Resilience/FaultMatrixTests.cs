using System.Net;
using System.Text;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// The fault matrix of docs/resilience.md: every fault kind on create, query and download (where it applies) against
/// the emulator, in virtual time. Each scenario ends in success or one documented exception, and every create makes
/// exactly one task when it succeeds and at most one whatever happens. The table in the docs is checked against the
/// one these tests produce.
/// </summary>
public class FaultMatrixTests
{
    private static readonly (string Kind, bool Create, bool Query, bool Download, Action<ResilienceHarness, KlingEmulatorEndpoint> Arrange)[] Kinds =
    [
        ("connection refused", true, true, true, (h, e) => h.Transport.Add(e, TransportFault.Refused)),
        ("DNS failure", true, true, true, (h, e) => h.Transport.Add(e, TransportFault.Dns)),
        ("dropped before processing", true, true, true, (h, e) => Fault(h, e, KlingEmulatorFault.DropBeforeProcessing())),
        ("reset after the request was processed", true, true, true, (h, e) => Fault(h, e, KlingEmulatorFault.DropAfterProcessing())),
        ("hang (attempt timeout)", true, true, true, (h, e) => h.Transport.Add(e, TransportFault.Hang)),
        ("500 JSON (5000)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.KlingError(HttpStatusCode.InternalServerError, 5000, "internal error"))),
        ("502 JSON (CometAPI)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.CometError(HttpStatusCode.BadGateway, "upstream error"))),
        ("503 JSON (5001)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.KlingError(HttpStatusCode.ServiceUnavailable, 5001, "maintenance"))),
        ("504 JSON (5002)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.KlingError(HttpStatusCode.GatewayTimeout, 5002, "timeout"))),
        ("500 invalid_request (CometAPI)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.CometError(HttpStatusCode.InternalServerError, "bad", "invalid_request"))),
        ("502 HTML", true, true, true, (h, e) => Fault(h, e, KlingEmulatorFault.Html(HttpStatusCode.BadGateway))),
        ("503 status only", false, false, true, (h, e) => Fault(h, e, KlingEmulatorFault.Status(HttpStatusCode.ServiceUnavailable))),
        ("403 status only (expired video link)", false, false, true, (h, e) => Fault(h, e, KlingEmulatorFault.Status(HttpStatusCode.Forbidden))),
        ("truncated body (FIN)", true, true, true, (h, e) => Fault(h, e, KlingEmulatorFault.TruncatedBody())),
        ("truncated body (RST)", true, true, true, (h, e) => h.Transport.Add(e, TransportFault.ResetMidBody)),
        ("429 1302, Retry-After 2 s", true, true, false, (h, e) => Fault(h, e, Throttle(1302).WithRetryAfter(TimeSpan.FromSeconds(2)))),
        ("429 1303, Retry-After 2 s", true, true, false, (h, e) => Fault(h, e, Throttle(1303).WithRetryAfter(TimeSpan.FromSeconds(2)))),
        ("429 1303, Retry-After 1 h (over the cap)", true, true, false, (h, e) => Fault(h, e, Throttle(1303).WithRetryAfter(TimeSpan.FromHours(1)))),
        ("429 1303, Retry-After a year away", true, true, false, (h, e) => Fault(h, e, Throttle(1303).WithRetryAfter(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)))),
        ("429 1303, Retry-After garbage", true, true, false, (h, e) =>
        {
            Fault(h, e, Throttle(1303));
            h.Transport.Add(e, TransportFault.GarbageRetryAfter);
        }),
        ("429 1102", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1102, "resource pack exhausted"))),
        ("429 1304", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1304, "ip whitelist"))),
        ("malformed JSON (200)", true, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.Status(HttpStatusCode.OK, "{\"code\":0,\"data\":{\"task_id\":"))),
        ("unknown task status (200)", false, true, false, (h, e) => Fault(h, e, KlingEmulatorFault.Status(
            HttpStatusCode.OK, """{"code":0,"message":"SUCCEED","data":{"task_id":"t-x","task_status":"paused","created_at":1,"updated_at":1}}"""))),
        ("oversized body (9 MiB, 200)", true, true, false, (h, e) => Fault(h, e, ResilienceHarness.HugeBody())),
        ("latency 10 s (below the timeout)", true, true, true, (h, e) => Fault(h, e, KlingEmulatorFault.Delay(TimeSpan.FromSeconds(10)))),
    ];

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds)
        {
            if (kind.Create)
            {
                data.Add(kind.Kind, "create");
            }

            if (kind.Query)
            {
                data.Add(kind.Kind, "query");
            }

            if (kind.Download)
            {
                data.Add(kind.Kind, "download");
            }
        }

        return data;
    }

    /// <summary>What each scenario must end in (anything else fails the test).</summary>
    private static readonly HashSet<string> Documented =
    [
        "ok",
        "KlingApiException (500)", "KlingApiException (200)", "KlingApiException (502)",
        "KlingApiException (429, 1102)", "KlingApiException (429, 1304)", "KlingApiException (429, 1303)",
        "KlingConnectionException", "KlingAmbiguousCreateException", "KlingDownloadException", "KlingDownloadException (502)", "KlingDownloadException (503)", "KlingDownloadException (403)",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_fault_ends_in_success_or_one_documented_exception_and_never_in_two_tasks(string kind, string endpoint)
    {
        var row = await RunAsync(kind, endpoint);

        Assert.Contains(row.Outcome, Documented);
        if (endpoint == "create")
        {
            Assert.InRange(row.Tasks, 0, 1);
            if (row.Outcome == "ok")
            {
                Assert.Equal(1, row.Tasks);
            }
        }
    }

    [Fact]
    public async Task Transient_faults_never_fail_a_query_or_a_create()
    {
        foreach (var kind in new[] { "connection refused", "DNS failure", "dropped before processing", "reset after the request was processed", "hang (attempt timeout)", "500 JSON (5000)", "503 JSON (5001)", "truncated body (FIN)", "truncated body (RST)", "429 1302, Retry-After 2 s", "429 1303, Retry-After 2 s", "malformed JSON (200)" })
        {
            foreach (var endpoint in new[] { "create", "query" })
            {
                var row = await RunAsync(kind, endpoint);
                Assert.True(row.Outcome == "ok", $"{kind} on {endpoint}: {row.Outcome}");
            }
        }
    }

    [Fact]
    public async Task The_docs_show_the_table_these_tests_produce()
    {
        var table = new StringBuilder();
        table.AppendLine("| fault | create: outcome | create: requests | tasks created | query: outcome | query: requests | download: outcome | download: requests |");
        table.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var kind in Kinds)
        {
            (string Outcome, string Requests, int Tasks)? create = kind.Create ? await RunAsync(kind.Kind, "create") : null;
            (string Outcome, string Requests, int Tasks)? query = kind.Query ? await RunAsync(kind.Kind, "query") : null;
            (string Outcome, string Requests, int Tasks)? download = kind.Download ? await RunAsync(kind.Kind, "download") : null;
            var createTasks = create is null ? "" : create.Value.Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture);

            table.Append("| ").Append(kind.Kind)
                .Append(" | ").Append(create?.Outcome ?? "n/a")
                .Append(" | ").Append(create?.Requests ?? "")
                .Append(" | ").Append(createTasks)
                .Append(" | ").Append(query?.Outcome ?? "n/a")
                .Append(" | ").Append(query?.Requests ?? "")
                .Append(" | ").Append(download?.Outcome ?? "n/a")
                .Append(" | ").Append(download?.Requests ?? "")
                .AppendLine(" |");
        }

        var generated = table.ToString().ReplaceLineEndings("\n");
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "resilience.md")).ReplaceLineEndings("\n");
        if (!docs.Contains(generated, StringComparison.Ordinal))
        {
            var actual = Path.Combine(Path.GetTempPath(), "kling-fault-matrix.md");
            File.WriteAllText(actual, generated);
            Assert.Fail($"docs/resilience.md does not hold the current fault matrix; the generated table is in {actual}:\n{generated}");
        }
    }

    internal static IEnumerable<(string Kind, bool Create, bool Query, bool Download)> AllKinds => Kinds.Select(k => (k.Kind, k.Create, k.Query, k.Download));

    internal static async Task<(string Outcome, string Requests, int Tasks)> RunAsync(
        string kind, string endpoint, ResilienceHarness? given = null, ImageToVideoRequest? request = null, List<Exception>? errors = null)
    {
        var arrange = Kinds.Single(k => k.Kind == kind).Arrange;
        using var owned = given is null ? new ResilienceHarness() : null;
        var harness = given ?? owned!;
        Exception? error = null;
        var before = 0;
        try
        {
            switch (endpoint)
            {
                case "create":
                    arrange(harness, KlingEmulatorEndpoint.Create);
                    await harness.Run(() => harness.Client.CreateImageToVideoAsync(request ?? ResilienceHarness.Request()));
                    break;
                case "query":
                    var created = await harness.Run(() => harness.Client.CreateImageToVideoAsync(ResilienceHarness.Request()));
                    before = harness.EmulatorCalls(KlingEmulatorEndpoint.Query);
                    arrange(harness, KlingEmulatorEndpoint.Query);
                    await harness.Run(() => harness.Client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId));
                    break;
                default:
                    var task = await harness.SucceededTaskAsync();
                    arrange(harness, KlingEmulatorEndpoint.Video);
                    using (var destination = new MemoryStream())
                    {
                        await harness.Run(() => harness.Client.DownloadAsync(task.Data.TaskResult!.Videos[0].Url!, destination));
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is KlingException)
        {
            error = ex;
            errors?.Add(ex);
        }

        var requests = endpoint switch
        {
            // Lookups are shown as present or not: how many is a detail of the reconciliation, not a promise.
            "create" => $"{harness.EmulatorCalls(KlingEmulatorEndpoint.Create)} create{(harness.EmulatorCalls(KlingEmulatorEndpoint.QueryByExternalId) > 0 ? " + lookup" : string.Empty)}",
            "query" => $"{harness.EmulatorCalls(KlingEmulatorEndpoint.Query) - before} query",
            _ => $"{harness.EmulatorCalls(KlingEmulatorEndpoint.Video)} download{Resumed(harness)}",
        };
        return (ResilienceHarness.Describe(error), requests, harness.Emulator.Tasks.Count);
    }

    /// <summary>How many download requests resumed with a <c>Range</c> header (the emulator answers those with 206).</summary>
    private static string Resumed(ResilienceHarness harness)
    {
        var ranges = harness.Emulator.Requests.Count(r => r.Endpoint == KlingEmulatorEndpoint.Video && r.Headers.ContainsKey("Range"));
        return ranges == 0 ? string.Empty : $" ({ranges} resumed with Range)";
    }

    private static KlingEmulatorFault Throttle(int code) => KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, code, "throttled");

    private static void Fault(ResilienceHarness harness, KlingEmulatorEndpoint endpoint, KlingEmulatorFault fault) =>
        harness.Emulator.Faults.Add(endpoint, fault, onCall: 1);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CometApi.Kling.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
