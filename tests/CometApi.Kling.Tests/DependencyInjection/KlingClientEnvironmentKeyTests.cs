using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskApi = CometApi.Kling.Tests.DependencyInjection.KlingClientLifetimeTests.TaskApi;

namespace CometApi.Kling.Tests.DependencyInjection;

/// <summary>
/// With <c>COMETAPI_KEY</c> set, the unnamed registration uses it and a named one never does. Changes the process
/// environment, so it runs alone, in the collection of <see cref="KlingClientOptionsEnvironmentTests"/>.
/// </summary>
[Collection(nameof(KlingClientOptionsEnvironmentTests))]
public class KlingClientEnvironmentKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_unnamed_client_falls_back_to_COMETAPI_KEY_and_a_named_one_fails_validation_instead()
    {
        var original = Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, "key-from-environment");
            var api = new TaskApi();
            var services = new ServiceCollection();
            services.AddKlingClient(options => options.BaseAddress = new Uri("https://kling.example.com/")).ConfigurePrimaryHttpMessageHandler(() => api);
            services.AddKlingClient("tenant-a", options => options.BaseAddress = new Uri("https://kling.example.com/")).ConfigurePrimaryHttpMessageHandler(() => api);
            services.AddKlingClient("tenant-b", new ConfigurationBuilder().AddInMemoryCollection([]).Build()).ConfigurePrimaryHttpMessageHandler(() => api);
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<AggregateException>(provider.GetRequiredService<IStartupValidator>().Validate);
            await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);

            var failures = exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures).Order().ToArray();
            Assert.Equal(2, failures.Length);
            Assert.StartsWith("Kling client 'tenant-a': KlingClientOptions.ApiKey is not set", failures[0], StringComparison.Ordinal);
            Assert.StartsWith("Kling client 'tenant-b': KlingClientOptions.ApiKey is not set", failures[1], StringComparison.Ordinal);
            Assert.All(failures, failure => Assert.DoesNotContain("key-from-environment", failure, StringComparison.Ordinal));
            Assert.Equal("Bearer key-from-environment", Assert.Single(api.Authorizations));
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<KlingClient>("tenant-a"));
            Assert.Empty(api.Authorizations.Skip(1));
        }
        finally
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, original);
        }
    }
}
