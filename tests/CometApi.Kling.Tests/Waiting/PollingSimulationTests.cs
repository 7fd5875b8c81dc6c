using System.Globalization;
using System.Net;
using System.Text;
using CometApi.Kling.Tests.Infrastructure;
using CometApi.Kling.Waiting;

namespace CometApi.Kling.Tests.Waiting;

/// <summary>
/// The goal for the default schedule, proven in virtual time: the real wait loop (real client, real reader)
/// against a fake task that completes at D (plus a random phase of up to half a poll interval either way).
/// </summary>
public class PollingSimulationTests
{
    private const int Trials = 200;
    private static readonly int[] Durations = [10, 60, 300, 1800];
    private static readonly Dictionary<int, int> MaxGets = new() { [10] = 12, [60] = 20, [300] = 50, [1800] = 140 };

    [Fact]
    public async Task Default_schedule_notices_completion_promptly_with_few_requests()
    {
        var rows = new List<Row>();
        var random = new Random(20260501);
        foreach (var d in Durations)
        {
            var interval = KlingPollSchedule.NextDelay(TimeSpan.FromSeconds(d), new KlingWaitOptions()).TotalSeconds;
            var completions = Enumerable.Range(0, Trials).Select(_ => d + ((random.NextDouble() - 0.5) * interval)).ToArray();

            var sdk = new List<(double Lateness, int Gets)>();
            foreach (var completion in completions)
            {
                var outcome = await SimulateAsync(TimeSpan.FromSeconds(completion));
                sdk.Add(outcome);
                var bound = Math.Min(15, Math.Max(2, 0.15 * completion));
                Assert.True(outcome.Lateness >= 0, $"D={d}: noticed before completion?");
                Assert.True(outcome.Lateness <= bound + 1e-6, $"D={d}, completion {completion:0.00} s: noticed {outcome.Lateness:0.00} s late (bound {bound:0.00} s).");
                Assert.True(outcome.Gets <= MaxGets[d], $"D={d}, completion {completion:0.00} s: {outcome.Gets} GETs (goal at most {MaxGets[d]}).");
            }

            rows.Add(Row.Of(d, "SDK default", sdk));
            rows.Add(Row.Of(d, "fixed 1 s", completions.Select(c => FixedPoller(c, 1)).ToList()));
            rows.Add(Row.Of(d, "fixed 10 s", completions.Select(c => FixedPoller(c, 10)).ToList()));
        }

        var table = Format(rows);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        TestContext.Current.SendDiagnosticMessage(table);

        // The docs show the very table this test prints, so the figures there cannot drift from the code.
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "waiting.md"), TestContext.Current.CancellationToken);
        Assert.Contains(table, docs.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<(double Lateness, int Gets)> SimulateAsync(TimeSpan completesAfter)
    {
        var clock = new VirtualClock();
        var started = clock.GetUtcNow();
        DateTimeOffset? noticed = null;
        var gets = 0;
        var handler = new CapturingHandler(_ =>
        {
            gets++;
            var done = clock.GetUtcNow() - started >= completesAfter;
            if (done)
            {
                noticed ??= clock.GetUtcNow();
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Responses.Task("sim", done ? "succeed" : "processing"), Encoding.UTF8, "application/json"),
            };
        });
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-sim", TimeProvider = clock });

        var result = await clock.RunAsync(() => client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.ImageToVideo, "sim"), new KlingWaitOptions { Timeout = TimeSpan.FromHours(2) }, TestContext.Current.CancellationToken));

        Assert.Equal(KlingTaskStatus.Succeeded, result.Data.TaskStatus);
        return (((noticed!.Value - started) - completesAfter).TotalSeconds, gets);
    }

    /// <summary>A naive poller querying every <paramref name="period"/> seconds from the start.</summary>
    private static (double Lateness, int Gets) FixedPoller(double completion, double period)
    {
        var gets = (int)Math.Ceiling(completion / period);
        return ((gets * period) - completion, gets);
    }

    private static string Format(List<Row> rows)
    {
        var text = new StringBuilder();
        text.Append("| D (task run time) | poller | GETs (max) | late p50 | late p95 | late max |\n");
        text.Append("|---:|---|---:|---:|---:|---:|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Duration} s | {row.Poller} | {row.MaxGets} | {row.P50:0.0} s | {row.P95:0.0} s | {row.Max:0.0} s |\n");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CometApi.Kling.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CometApi.Kling.sln) was not found above " + AppContext.BaseDirectory);
    }

    private sealed record Row(int Duration, string Poller, int MaxGets, double P50, double P95, double Max)
    {
        public static Row Of(int duration, string poller, List<(double Lateness, int Gets)> outcomes)
        {
            var lateness = outcomes.Select(outcome => outcome.Lateness).Order().ToArray();
            return new Row(duration, poller, outcomes.Max(outcome => outcome.Gets), Percentile(lateness, 0.50), Percentile(lateness, 0.95), lateness[^1]);
        }

        private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
