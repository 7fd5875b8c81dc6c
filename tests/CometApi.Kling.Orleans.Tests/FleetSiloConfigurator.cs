using CometApi.Kling;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansFleet;

namespace CometApi.Kling.Orleans.Tests;

/// <summary>Each test silo: in-memory reminders, its own Kling client pointed at the emulator, fast failure detection.</summary>
internal sealed class FleetSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        // A killed silo must be declared dead in seconds, not the production default of tens of seconds.
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
        });
        // One client per silo, as on separate machines.
        siloBuilder.Services.AddSingleton(_ => FleetEnvironment.CreateClient());
        siloBuilder.Services.AddSingleton<IVideoCatalog>(FleetEnvironment.Catalog);
        siloBuilder.Services.AddSingleton(FleetEnvironment.Options);
    }
}
