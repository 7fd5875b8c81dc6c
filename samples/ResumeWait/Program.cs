// ResumeWait: a task outlives the process that created it. One process creates the task, stores its id in a file and
// exits; another reads the id, resumes the wait and downloads the video.
//   dotnet run --project samples/ResumeWait                  the whole story: runs `create`, then `resume`, as two child processes
//   dotnet run --project samples/ResumeWait -- create [--state <file>]
//   dotnet run --project samples/ResumeWait -- resume [--state <file>] [--output <folder>]
// The key comes from COMETAPI_KEY (KLING_BASE_ADDRESS: another Kling-compatible server, e.g. `kling emulator`). With no
// key, the demo starts the Kling emulator as a loopback HTTP server so that both child processes can reach it.
using System.Diagnostics;
using CometApi.Kling;
using CometApi.Kling.Testing;

var command = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "demo";
var stateFile = Option(args, "--state") ?? Path.Combine("output", "resume-wait.task");
var outputFolder = Option(args, "--output") ?? "output";

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;            // stop waiting cleanly: the id stays in the state file, run `resume` again later
    cancellation.Cancel();
};

try
{
    return command switch
    {
        "create" => await CreateAsync(stateFile, cancellation.Token),
        "resume" => await ResumeAsync(stateFile, outputFolder, cancellation.Token),
        "demo" => await DemoAsync(stateFile, outputFolder, cancellation.Token),
        _ => Usage(),
    };
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
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine($"Stopped. The task goes on; its id is in {stateFile}: run `resume` to pick it up.");
    return 130;
}

// Process A: create the task, write its kind and id down, exit. The kind is needed to find the task again (Kling finds
// a task only under its kind's route); the external id is stored too: if the create's answer were lost (a dropped
// connection), the task could still be found by it.
static async Task<int> CreateAsync(string stateFile, CancellationToken cancellationToken)
{
    var client = CreateClient();
    var externalId = $"resume-wait-{Guid.NewGuid():N}";
    var created = await client.CreateImageToVideoAsync(
        new ImageToVideoRequest
        {
            Image = KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
            Prompt = "The camera slowly pushes in while the colours drift",
            ExternalTaskId = externalId,
        },
        cancellationToken);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
    await File.WriteAllLinesAsync(stateFile, [created.Data.Kind.Route, created.Data.TaskId, externalId], cancellationToken);
    Console.WriteLine($"[create pid {Environment.ProcessId}] Task {created.Data.TaskId} {created.Data.TaskStatus}; id stored in {stateFile}. Exiting.");
    return 0;
}

// Process B: read the id, resume the wait where any earlier process left it, save the video.
static async Task<int> ResumeAsync(string stateFile, string outputFolder, CancellationToken cancellationToken)
{
    var client = CreateClient();
    var state = await File.ReadAllLinesAsync(stateFile, cancellationToken);
    var handle = new KlingTaskHandle(new KlingTaskKind(state[0]), state[1], state[2]);
    var taskId = handle.TaskId;
    Console.WriteLine($"[resume pid {Environment.ProcessId}] Resuming the wait for task {taskId} ({handle.Kind.Name})");
    var done = await client.WaitForCompletionAsync(
        handle,
        new KlingWaitOptions { Progress = new Progress<TaskResponse>(task => Console.WriteLine($"[resume] Task {taskId}: {task.Data.TaskStatus}")) },
        cancellationToken);
    if (done.Data.TaskStatus != KlingTaskStatus.Succeeded)
    {
        Console.Error.WriteLine($"Task {taskId} failed: {done.Data.TaskStatusMessage}");
        return 1;
    }

    var paths = await client.DownloadResultsAsync(done, KlingOutput.Folder(outputFolder), cancellationToken: cancellationToken);
    File.Delete(stateFile);     // done: nothing left to resume
    foreach (var path in paths)
    {
        Console.WriteLine($"[resume] Saved {path} ({new FileInfo(path).Length:N0} bytes)");
    }
    return 0;
}

// Both steps as separate processes, so the resumed wait really knows nothing but the stored id.
static async Task<int> DemoAsync(string stateFile, string outputFolder, CancellationToken cancellationToken)
{
    KlingEmulatorServer? server = null;
    var environment = new Dictionary<string, string>();
    if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable)))
    {
        // The tasks must outlive process A: an in-process emulator would not. A loopback server in this process does.
        server = await KlingEmulator.StartServerAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"COMETAPI_KEY is not set: using the Kling emulator at {server.BaseAddress} (no network, no cost; the video is a test pattern).");
        environment[KlingClientOptions.ApiKeyEnvironmentVariable] = KlingEmulator.DefaultApiKey;
        environment["KLING_BASE_ADDRESS"] = server.BaseAddress.ToString();
    }

    await using (server)
    {
        var created = await RunSelfAsync(["create", "--state", stateFile], environment, cancellationToken);
        return created != 0 ? created : await RunSelfAsync(["resume", "--state", stateFile, "--output", outputFolder], environment, cancellationToken);
    }
}

static async Task<int> RunSelfAsync(string[] arguments, Dictionary<string, string> environment, CancellationToken cancellationToken)
{
    // `dotnet ResumeWait.dll` runs through the dotnet host; the apphost (ResumeWait.exe / ./ResumeWait) runs directly.
    var host = Environment.ProcessPath!;
    var start = new ProcessStartInfo(host);
    if (Path.GetFileNameWithoutExtension(host) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
    }

    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    foreach (var (name, value) in environment)
    {
        start.Environment[name] = value;
    }

    using var process = Process.Start(start)!;
    await process.WaitForExitAsync(cancellationToken);
    return process.ExitCode;
}

static KlingClient CreateClient()
{
    var options = new KlingClientOptions();     // ApiKey: COMETAPI_KEY
    if (Environment.GetEnvironmentVariable("KLING_BASE_ADDRESS") is { Length: > 0 } baseAddress)
    {
        options.BaseAddress = new Uri(baseAddress);
    }

    return new KlingClient(options);
}

static int Usage()
{
    Console.Error.WriteLine("usage: ResumeWait [create|resume] [--state <file>] [--output <folder>]");
    return 2;
}

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
