using System.Net;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>
/// 200 seeded chaos runs: each seed scripts random faults on the first creates, lookups and queries, then runs a
/// create and a query. Whatever happens, one logical create makes at most one task, a successful create exactly one,
/// and every failure is one of the documented exceptions. A failing seed is named, so it can be replayed.
/// </summary>
public class ChaosTests
{
    private static readonly Func<KlingEmulatorFault>[] EmulatorFaults =
    [
        KlingEmulatorFault.DropBeforeProcessing,
        KlingEmulatorFault.DropAfterProcessing,
        KlingEmulatorFault.TruncatedBody,
        () => KlingEmulatorFault.KlingError(HttpStatusCode.InternalServerError, 5000, "internal error"),
        () => KlingEmulatorFault.KlingError(HttpStatusCode.ServiceUnavailable, 5001, "maintenance").WithRetryAfter(TimeSpan.FromSeconds(3)),
        () => KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit").WithRetryAfter(TimeSpan.FromSeconds(2)),
        () => KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1302, "too fast"),
        () => KlingEmulatorFault.Html(HttpStatusCode.BadGateway),
        () => KlingEmulatorFault.Status(HttpStatusCode.OK, "{\"code\":0,"),
        () => KlingEmulatorFault.Delay(TimeSpan.FromSeconds(5)),
    ];

    private static readonly TransportFault[] TransportFaults = [TransportFault.Refused, TransportFault.Dns, TransportFault.Hang, TransportFault.ResetMidBody];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 200; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_create_under_random_faults_makes_at_most_one_task(int seed)
    {
        var random = new Random(seed);
        using var harness = new ResilienceHarness();
        foreach (var endpoint in new[] { KlingEmulatorEndpoint.Create, KlingEmulatorEndpoint.QueryByExternalId, KlingEmulatorEndpoint.Query })
        {
            for (var call = 1; call <= 4; call++)
            {
                var roll = random.NextDouble();
                if (roll < 0.45)
                {
                    harness.Emulator.Faults.Add(endpoint, EmulatorFaults[random.Next(EmulatorFaults.Length)](), onCall: call);
                }
                else if (roll < 0.6)
                {
                    harness.Transport.Add(endpoint, TransportFaults[random.Next(TransportFaults.Length)], call);
                }
            }
        }

        TaskResponse? created = null;
        Exception? error = null;
        try
        {
            created = await harness.Run(() => harness.Client.CreateImageToVideoAsync(ResilienceHarness.Request()));
        }
        catch (Exception ex) when (ex is KlingApiException or KlingConnectionException or KlingAmbiguousCreateException)
        {
            error = ex;
        }

        var tasks = harness.Emulator.Tasks.Count;
        Assert.True(tasks <= 1, $"seed {seed}: {tasks} tasks for one create");
        if (created is not null)
        {
            Assert.Equal(1, tasks);
            Assert.Equal(harness.Emulator.Tasks[0].TaskId, created.Data.TaskId);

            // A query under the same chaos ends in the task or a documented exception, never another type.
            try
            {
                var queried = await harness.Run(() => harness.Client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId));
                Assert.Equal(created.Data.TaskId, queried.Data.TaskId);
            }
            catch (Exception ex) when (ex is KlingApiException or KlingConnectionException)
            {
                // Documented: the retries ran out.
            }
        }
        else
        {
            Assert.NotNull(error);
            if (error is KlingAmbiguousCreateException ambiguous)
            {
                Assert.StartsWith("kling-", ambiguous.Task!.ExternalTaskId!, StringComparison.Ordinal);
            }
        }
    }
}
