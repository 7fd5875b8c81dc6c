using CometApi.Kling;
using OrleansFleet;

namespace CometApi.Kling.Orleans.Tests;

/// <summary>
/// What the silos of the test cluster share. Orleans creates silo configurators from their type, so the emulator's
/// address, the catalogue and the settings reach them through here (one cluster test runs at a time).
/// </summary>
internal static class FleetEnvironment
{
    public static Uri? EmulatorAddress { get; set; }

    public static VideoCatalog Catalog { get; set; } = new();

    public static FleetOptions Options { get; set; } = new();

    public static KlingClient CreateClient() => new(new KlingClientOptions
    {
        ApiKey = CometApi.Kling.Testing.KlingEmulator.DefaultApiKey,
        BaseAddress = EmulatorAddress ?? throw new InvalidOperationException("Start the emulator first."),
    });
}
