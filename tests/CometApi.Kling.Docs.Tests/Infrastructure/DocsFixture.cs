using CometApi.Kling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// The emulator every block of a run talks to (over loopback HTTP, so configuration-bound clients reach it too), on a
/// clock <see cref="AcceleratedTimeProvider.Factor"/> times faster, accepting any key (the docs write <c>"sk-..."</c>).
/// COMETAPI_KEY is set to the emulator's key for the run: blocks that build a client from the environment, as a
/// reader's program does, then construct; none of them sends (a real key on the machine is never used).
/// </summary>
public sealed class DocsFixture : IAsyncLifetime
{
    /// <summary>A well-formed webhook secret (<c>whsec_</c> + base64), the one in the <c>Kling</c> configuration.</summary>
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private string? _savedKey;

    internal AcceleratedTimeProvider Clock { get; } = new();

    internal KlingEmulatorServer Server { get; private set; } = null!;

    internal IConfiguration Configuration { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { TimeProvider = Clock, AcceptAnyApiKey = true });
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kling:ApiKey"] = KlingEmulator.DefaultApiKey,
                ["Kling:BaseAddress"] = Server.BaseAddress.ToString(),
                ["Kling:WebhookSecret"] = WebhookSecret,
                ["Kling:Tenants:tenant-a:ApiKey"] = KlingEmulator.DefaultApiKey,
                ["Kling:Tenants:tenant-a:BaseAddress"] = Server.BaseAddress.ToString(),
            })
            .Build();
        _savedKey = Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, KlingEmulator.DefaultApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, _savedKey);
        await Server.DisposeAsync();
    }

    /// <summary>Makes every Kling client <paramref name="services"/> builds use the run's clock.</summary>
    internal IServiceCollection AddRunClock(IServiceCollection services) =>
        services.ConfigureAll<KlingClientOptions>(options => options.TimeProvider = Clock);
}
