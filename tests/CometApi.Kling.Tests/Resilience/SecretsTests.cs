using CometApi.Kling.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CometApi.Kling.Tests.Resilience;

/// <summary>The key and image data never reach logs, exception messages or ToString(), on success and every failure path.</summary>
public class SecretsTests
{
    private const string CanaryKey = "sk-canary-7f3a9c1e5b2d4680aa11bb22cc33dd44";

    [Fact]
    public async Task The_canary_key_and_image_base64_appear_nowhere_in_logs_or_exceptions()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = new LoggerFactory([new FakeLoggerProvider(collector)]);
        var png = TestImages.Png(400, 400, totalLength: 4096);
        var base64 = Convert.ToBase64String(png);
        var errors = new List<Exception>();

        foreach (var (kind, create, query, download) in FaultMatrixTests.AllKinds)
        {
            foreach (var endpoint in new[] { create ? "create" : null, query ? "query" : null, download ? "download" : null })
            {
                if (endpoint is null)
                {
                    continue;
                }

                using var harness = new ResilienceHarness(loggerFactory, apiKey: CanaryKey);
                var request = ResilienceHarness.Request(image: KlingImage.FromBytes(png));
                await FaultMatrixTests.RunAsync(kind, endpoint, harness, request, errors);
                var options = new KlingClientOptions { ApiKey = CanaryKey };
                Assert.DoesNotContain(CanaryKey, options.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(base64[..64], request.ToString(), StringComparison.Ordinal);
            }
        }

        var records = collector.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.NotEmpty(errors);
        var everything = string.Join(
            "\n",
            records.Select(record => $"{record.Message} {record.Exception} {string.Join(",", record.StructuredState?.Select(pair => pair.Value) ?? [])}")
                .Concat(errors.Select(error => error.ToString())));
        Assert.DoesNotContain(CanaryKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-7f3a9c1e", everything, StringComparison.Ordinal);

        // Any 32-character run of the image's base64 would betray image data.
        for (var i = 0; i + 32 <= base64.Length; i += 16)
        {
            Assert.DoesNotContain(base64.Substring(i, 32), everything, StringComparison.Ordinal);
        }

        // The events named in the issue are all there.
        var events = records.Select(record => record.Id.Name).ToHashSet();
        foreach (var name in new[] { "CreateSending", "TaskCreated", "TaskPolled", "Retrying", "CreateReconciling", "CreateReconciled" })
        {
            Assert.Contains(name, events);
        }
    }
}
