// The README's quick start as a program: create a task of each kind, query one, list tasks, and the same through DI.
// Runs against CometAPI with COMETAPI_KEY set; KLING_BASE_ADDRESS points it at another Kling-compatible server.
using CometApi.Kling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var cancellationToken = cancellation.Token;
var baseAddress = Environment.GetEnvironmentVariable("KLING_BASE_ADDRESS") is { Length: > 0 } custom
    ? new Uri(custom)
    : new Uri("https://api.cometapi.com/");

// The SDK's shared HttpClient: no HttpClient.Timeout under the client's own timeouts, no redirects for API calls.
var client = new KlingClient(new KlingClientOptions
{
    ApiKey = Environment.GetEnvironmentVariable("COMETAPI_KEY"),
    BaseAddress = baseAddress,
});

TaskResponse created = await client.CreateImageToVideoAsync(new ImageToVideoRequest
{
    Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
    Prompt = "The cat turns its head",
    NegativePrompt = "blur",
    ModelName = KlingModel.KlingV2Master,
    Mode = KlingMode.Pro,
    Duration = KlingDuration.Ten,
    // No CfgScale: kling-v2.x models do not support it, and the client refuses the pair before sending.
    ExternalTaskId = $"getting-started-{Guid.NewGuid():N}",
}, cancellationToken);
string id = created.Data.TaskId;
Console.WriteLine($"created {id}: {created.Data.TaskStatus} (code {created.Code}, {created.Message})");

// Kling finds a task only under its kind's route; every task the client returns carries its kind.
TaskResponse current = await client.GetTaskAsync(created.Data.Kind, id, cancellationToken);
Console.WriteLine($"queried {current.Data.TaskId}: {current.Data.TaskStatus}, terminal: {current.Data.TaskStatus.IsTerminal}, "
    + $"external id: {current.Data.TaskInfo?.ExternalTaskId}, created {current.Data.CreatedAt:O}, videos: {current.Data.TaskResult?.Videos.Count ?? 0}");

TaskResponse fromText = await client.CreateTextToVideoAsync(new TextToVideoRequest
{
    Prompt = "A paper boat drifts down a rain-soaked street at dusk",
    AspectRatio = KlingAspectRatio.Portrait9x16,
    Duration = KlingDuration.Five,
    ExternalTaskId = $"getting-started-text-{Guid.NewGuid():N}",
}, cancellationToken);
Console.WriteLine($"created {fromText.Data.TaskId} ({fromText.Data.Kind.Name}): {fromText.Data.TaskStatus}");

foreach (KlingTaskKind kind in KlingTaskKind.Known)
{
    var listed = 0;
    await foreach (TaskResponse task in client.ListTasksAsync(kind, pageSize: 30, cancellationToken))
    {
        listed++;
    }

    Console.WriteLine($"listed {listed} {kind.Name} task(s)");
}

// The same client through dependency injection, configured from a "Kling" section.
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Kling:ApiKey"] = Environment.GetEnvironmentVariable("COMETAPI_KEY"),
        ["Kling:BaseAddress"] = baseAddress.ToString(),
    })
    .Build();
var services = new ServiceCollection();
services.AddKlingClient(configuration.GetSection("Kling"));
using var provider = services.BuildServiceProvider();
var injected = provider.GetRequiredService<KlingClient>();
Console.WriteLine($"through DI: {(await injected.GetTaskAsync(KlingTaskKind.ImageToVideo, id, cancellationToken)).Data.TaskStatus}");
