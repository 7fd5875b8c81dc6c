// CallbackWebApp: a minimal API that creates Kling tasks with a callback_url and reacts to Kling's callbacks through
// MapKlingCallback (CometApi.Kling.AspNetCore): the task is re-fetched through the API, never trusted from the body.
//   dotnet run --project samples/CallbackWebApp
//   curl -X POST "http://localhost:5080/videos?prompt=The%20cat%20turns%20its%20head"    -> 202 with the task id
//   curl -X POST "http://localhost:5080/videos?kind=text2video&prompt=A%20paper%20boat"  -> the same, text to video
//   (the video is saved to output/<task-id>.mp4 when the "succeed" callback arrives)
//   dotnet run --project samples/CallbackWebApp -- --Sample:Once=true    creates one task itself, exits once its video is saved
//   (add --Sample:Kind=text2video for a text-to-video task)
//   dotnet run --project samples/CallbackWebApp -- --Sample:Once=true --Emulator:Host=Official --Emulator:WebhookSecrets:0=whsec_... \
//     --KlingCallback:WebhookSecrets:0=whsec_...                    the same on Kling's own host, with signed callbacks
// With COMETAPI_KEY it uses CometAPI, which must reach the callback URL: set Sample:PublicBaseUrl to this app's public
// address (e.g. a tunnel). Without a key it uses the in-process Kling emulator, which POSTs its callbacks to this app.
using CometApi.Kling;
using CometApi.Kling.AspNetCore;
using CometApi.Kling.Testing;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var kling = builder.Services.AddKlingClient(builder.Configuration.GetSection("Kling"));
var sample = builder.Configuration.GetSection("Sample");
var once = sample.GetValue<bool>("Once");
var outputFolder = sample["OutputFolder"] is { Length: > 0 } folder ? folder : "output";
var onceKind = sample["Kind"] is { Length: > 0 } configuredKind ? configuredKind : null;

var hasKey = !string.IsNullOrWhiteSpace(builder.Configuration["Kling:ApiKey"])
    || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable));
if (!hasKey)
{
    Console.WriteLine("COMETAPI_KEY is not set: using the built-in Kling emulator (no network, no cost; the video is a test pattern).");
    var emulator = new KlingEmulator(builder.Configuration.GetSection("Emulator").Get<KlingEmulatorOptions>());
    builder.Services.AddSingleton(emulator);
    kling.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler());
    builder.Services.PostConfigure<KlingClientOptions>(options =>
    {
        options.Host = emulator.Host;  // --Emulator:Host=Official copies Kling's own host
        options.ApiKey = KlingEmulator.DefaultApiKey;
        options.BaseAddress = emulator.BaseAddress;
        options.AllowInsecureBaseAddress = true; // the in-process emulator speaks plain http and never leaves the process
    });
}

var app = builder.Build();
var exitCode = 0;

// In production, make the path hard to guess (e.g. /kling/callback/<random>): the endpoint is unauthenticated.
// One endpoint serves tasks of every kind; each task's CallbackUrl adds ?kind=<name>, which saves the endpoint from
// trying the kinds in turn (it is only a hint: the task is still re-fetched, and found even if the hint is wrong).
const string CallbackPath = "/kling/callback";
// Signed callbacks (Kling's own host, once a webhook secret exists in its console): list the secret(s) under
// KlingCallback:WebhookSecrets and unsigned, forged, stale or replayed deliveries are answered 401 before any work.
var callbackOptions = new KlingCallbackEndpointOptions
{
    WebhookSecrets = builder.Configuration.GetSection("KlingCallback:WebhookSecrets").Get<string[]>() ?? [],
};

app.MapKlingCallback(CallbackPath, async (TaskResponse task, IServiceProvider services, CancellationToken cancellationToken) =>
{
    var taskId = task.Data.TaskId;
    Console.WriteLine($"Callback: task {taskId} ({task.Data.Kind.Name}) is {task.Data.TaskStatus}");
    if (task.Data.TaskStatus == KlingTaskStatus.Succeeded)
    {
        var client = services.GetRequiredService<KlingClient>();
        foreach (var path in await client.DownloadResultsAsync(task, KlingOutput.Folder(outputFolder), cancellationToken: cancellationToken))
        {
            Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
        }
    }
    else if (task.Data.TaskStatus == KlingTaskStatus.Failed)
    {
        Console.Error.WriteLine($"Task {taskId} failed: {task.Data.TaskStatusMessage}");
        exitCode = 1;
    }

    if (once && task.Data.TaskStatus.IsTerminal)
    {
        app.Lifetime.StopApplication();
    }
}, callbackOptions);

// Creates a task (kind: image2video, the default, or text2video) whose status changes are POSTed to the callback endpoint above.
app.MapPost("/videos", async (string? prompt, string? kind, KlingClient client, CancellationToken cancellationToken) =>
{
    try
    {
        var created = await CreateTaskAsync(client, prompt, kind, cancellationToken);
        return Results.Accepted(
            $"/videos/{created.Data.TaskId}?kind={created.Data.Kind.Name}",
            new { task_id = created.Data.TaskId, kind = created.Data.Kind.Name, task_status = created.Data.TaskStatus.ToString() });
    }
    catch (ArgumentException ex) when (ex.ParamName == "kind")
    {
        return Results.BadRequest(new { error = ex.Message });
    }
    catch (KlingValidationException ex)
    {
        return Results.ValidationProblem(ex.Errors.GroupBy(error => error.Path).ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray()));
    }
});

// The current state, straight from the API (e.g. to reconcile when a callback never came). Kling finds a task only
// under its own kind, so the kind comes with the id (the Location header of POST /videos has both).
app.MapGet("/videos/{taskId}", async (string taskId, string? kind, KlingClient client, CancellationToken cancellationToken) =>
{
    if (!KlingTaskKind.TryParse(kind ?? "image2video", out var taskKind))
    {
        return Results.BadRequest(new { error = $"Unknown kind '{kind}'; use one of: {string.Join(", ", KlingTaskKind.Known.Select(known => known.Name))}." });
    }

    var task = await client.GetTaskAsync(taskKind, taskId, cancellationToken);
    return Results.Ok(new { task_id = task.Data.TaskId, kind = task.Data.Kind.Name, task_status = task.Data.TaskStatus.ToString(), reason = task.Data.TaskStatusMessage });
});

if (once)
{
    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
    {
        try
        {
            var created = await CreateTaskAsync(app.Services.GetRequiredService<KlingClient>(), prompt: null, onceKind, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"Task {created.Data.TaskId} ({created.Data.Kind.Name}) created; waiting for its callbacks");
        }
        catch (Exception ex) when (ex is KlingException or ArgumentException)
        {
            Console.Error.WriteLine(ex.Message);
            exitCode = 1;
            app.Lifetime.StopApplication();
        }
    }));
}

await app.RunAsync();
return exitCode;

Task<TaskResponse> CreateTaskAsync(KlingClient client, string? prompt, string? kind, CancellationToken cancellationToken)
{
    if (!KlingTaskKind.TryParse(kind ?? "image2video", out var taskKind))
    {
        throw new ArgumentException(
            $"Unknown kind '{kind}'; use one of: {string.Join(", ", KlingTaskKind.Known.Select(known => known.Name))}.", nameof(kind));
    }

    var callbackUrl = new Uri(PublicBaseUrl(), $"{CallbackPath}?kind={taskKind.Name}");
    var externalTaskId = $"callback-sample-{Guid.NewGuid():N}";
    return taskKind == KlingTaskKind.TextToVideo
        ? client.CreateTextToVideoAsync(
            new TextToVideoRequest
            {
                Prompt = prompt ?? "A paper boat drifts down a rain-soaked street at dusk",
                CallbackUrl = callbackUrl,
                ExternalTaskId = externalTaskId,
            },
            cancellationToken)
        : client.CreateImageToVideoAsync(
            new ImageToVideoRequest
            {
                Image = KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
                Prompt = prompt ?? "The camera slowly pushes in while the colours drift",
                CallbackUrl = callbackUrl,
                ExternalTaskId = externalTaskId,
            },
            cancellationToken);
}

// Where Kling can reach this app: the configured public address, else the address it listens on (enough for the
// emulator, which runs inside this process).
Uri PublicBaseUrl() => sample["PublicBaseUrl"] is { Length: > 0 } configured
    ? new Uri(configured)
    : new Uri(app.Urls.First().Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
