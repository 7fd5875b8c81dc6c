using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CometApi.Kling.Orleans.Tests;

/// <summary>The test's cluster client: a call to a grain on a dead silo gives up quickly, and the next round retries it.</summary>
internal sealed class FleetClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(3));
}
