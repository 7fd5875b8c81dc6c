// DependencyInjection: the generic host, AddKlingClient bound from appsettings.json, the client handed to a service.
//   dotnet run --project samples/DependencyInjection [-- --Video:Prompt "..." --Kling:BaseAddress https://...]
// Named clients, one per tenant key: --Kling:Tenants:acme:ApiKey sk-... --Video:Tenant acme
// With COMETAPI_KEY (or Kling:ApiKey) it uses CometAPI (a paid task); without, the clients are pointed at the
// in-process Kling emulator through their primary HTTP handler: the same DI registrations, no network, no cost.
using CometApi.Kling;
using CometApi.Kling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// appsettings.json is read from beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// One KlingClient per registration, shared by the application (its MaxConcurrentTasks limit too). The unnamed one
// takes its key from Kling:ApiKey or COMETAPI_KEY; each named one (Kling:Tenants:<name>) needs its own key, or the
// host does not start. A key rotated in configuration is used by the next request.
var kling = new List<IHttpClientBuilder> { builder.Services.AddKlingClient(builder.Configuration.GetSection("Kling")) };
foreach (var tenant in builder.Configuration.GetSection("Kling:Tenants").GetChildren())
{
    kling.Add(builder.Services.AddKlingClient(tenant.Key, tenant));
}

builder.Services.AddTransient<VideoMaker>();

var hasKey = !string.IsNullOrWhiteSpace(builder.Configuration["Kling:ApiKey"])
    || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable));
if (!hasKey)
{
    Console.WriteLine("COMETAPI_KEY is not set: using the built-in Kling emulator (no network, no cost; the video is a test pattern).");
    var emulator = new KlingEmulator(builder.Configuration.GetSection("Emulator").Get<KlingEmulatorOptions>());
    builder.Services.AddSingleton(emulator);                                   // disposed with the host
    foreach (var client in kling)
    {
        client.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler());  // requests go to the emulator, not a socket
    }

    builder.Services.PostConfigureAll<KlingClientOptions>(options =>
    {
        options.ApiKey = KlingEmulator.DefaultApiKey;
        options.BaseAddress = emulator.BaseAddress;
        options.AllowInsecureBaseAddress = true; // the in-process emulator speaks plain http and never leaves the process
    });
}

using var host = builder.Build();
await host.StartAsync().ConfigureAwait(false);   // validates KlingClientOptions (ValidateOnStart): a bad setting fails here
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
try
{
    var path = await host.Services.GetRequiredService<VideoMaker>().MakeAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
    Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
    return 0;
}
catch (KlingValidationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (KlingException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped. The task goes on; the ResumeWait sample shows how to pick it up again.");
    return 130;
}
finally
{
    await host.StopAsync().ConfigureAwait(false);
}
