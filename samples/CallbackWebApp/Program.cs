// CallbackWebApp: a minimal API that creates Kling tasks with a callback_url and reacts to Kling's callbacks through
// MapKlingCallback (CometApi.Kling.AspNetCore): the task is re-fetched through the API, never trusted from the body.
//   dotnet run --project samples/CallbackWebApp
//   curl -X POST "http://localhost:5080/videos?prompt=The%20cat%20turns%20its%20head"    -> 202 with the task id
//   (the video is saved to output/<task-id>.mp4 when the "succeed" callback arrives)
//   dotnet run --project samples/CallbackWebApp -- --Sample:Once=true    creates one task itself, exits once its video is saved
// With COMETAPI_KEY it uses CometAPI, which must reach the callback URL: set Sample:PublicBaseUrl to this app's public
// address (e.g. a tunnel). Without a key it uses the in-process Kling emulator, which POSTs its callbacks to this app.
using CometApi.Kling;
using CometApi.Kling.Testing;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var kling = builder.Services.AddKlingClient(builder.Configuration.GetSection("Kling"));
var sample = builder.Configuration.GetSection("Sample");
var once = sample.GetValue<bool>("Once");
var outputFolder = sample["OutputFolder"] is { Length: > 0 } folder ? folder : "output";

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
        options.ApiKey = KlingEmulator.DefaultApiKey;
        options.BaseAddress = emulator.BaseAddress;
        options.AllowInsecureBaseAddress = true; // the in-process emulator speaks plain http and never leaves the process
    });
}

var app = builder.Build();
var exitCode = 0;

// In production, make the path hard to guess (e.g. /kling/callback/<random>): the endpoint is unauthenticated.
const string CallbackPath = "/kling/callback";
app.MapKlingCallback(CallbackPath, async (TaskResponse task, IServiceProvider services, CancellationToken cancellationToken) =>
{
    var taskId = task.Data.TaskId;
    Console.WriteLine($"Callback: task {taskId} is {task.Data.TaskStatus}");
    if (task.Data.TaskStatus == KlingTaskStatus.Succeed)
    {
        var client = services.GetRequiredService<KlingClient>();
        var path = await client.DownloadVideoAsync(task, Path.Combine(outputFolder, $"{taskId}.mp4"), cancellationToken: cancellationToken);
        Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
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
});

// Creates a task whose status changes are POSTed to the callback endpoint above.
app.MapPost("/videos", async (string? prompt, KlingClient client, CancellationToken cancellationToken) =>
{
    try
    {
        var created = await CreateTaskAsync(client, prompt, cancellationToken);
        return Results.Accepted($"/videos/{created.Data.TaskId}", new { task_id = created.Data.TaskId, task_status = created.Data.TaskStatus.ToString() });
    }
    catch (KlingValidationException ex)
    {
        return Results.ValidationProblem(ex.Errors.GroupBy(error => error.Path).ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray()));
    }
});

// The current state, straight from the API (e.g. to reconcile when a callback never came).
app.MapGet("/videos/{taskId}", async (string taskId, KlingClient client, CancellationToken cancellationToken) =>
{
    var task = await client.GetImageToVideoTaskAsync(taskId, cancellationToken);
    return Results.Ok(new { task_id = task.Data.TaskId, task_status = task.Data.TaskStatus.ToString(), reason = task.Data.TaskStatusMessage });
});

if (once)
{
    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
    {
        try
        {
            var created = await CreateTaskAsync(app.Services.GetRequiredService<KlingClient>(), prompt: null, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"Task {created.Data.TaskId} created; waiting for its callbacks");
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

Task<TaskResponse> CreateTaskAsync(KlingClient client, string? prompt, CancellationToken cancellationToken) =>
    client.CreateImageToVideoAsync(
        new ImageToVideoRequest
        {
            Image = KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
            Prompt = prompt ?? "The camera slowly pushes in while the colours drift",
            CallbackUrl = new Uri(PublicBaseUrl(), CallbackPath),
            ExternalTaskId = $"callback-sample-{Guid.NewGuid():N}",
        },
        cancellationToken);

// Where Kling can reach this app: the configured public address, else the address it listens on (enough for the
// emulator, which runs inside this process).
Uri PublicBaseUrl() => sample["PublicBaseUrl"] is { Length: > 0 } configured
    ? new Uri(configured)
    : new Uri(app.Urls.First().Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
