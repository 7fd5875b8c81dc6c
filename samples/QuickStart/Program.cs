// QuickStart: turn an image (or, with --text, a prompt alone) into a video and save the MP4.
//   dotnet run --project samples/QuickStart [-- --image <path|url> | --text] [--prompt <text>] [--output <folder>] [--base-address <url>]
// With COMETAPI_KEY set it uses CometAPI (a paid task), or the Kling-compatible server given by --base-address or
// KLING_BASE_ADDRESS; without, the in-process Kling emulator (no network, no cost). --help lists the options.
using CometApi.Kling;
using CometApi.Kling.Testing;

const string BaseAddressVariable = "KLING_BASE_ADDRESS";

var options = QuickStartOptions.Parse(args, out var usageError);
if (options.Help)
{
    Console.WriteLine(QuickStartOptions.Usage);
    return 0;
}

// Same source order as samples/GettingStarted: the option, else a non-empty KLING_BASE_ADDRESS.
var (baseAddressText, baseAddressSource) = options.BaseAddress is { } fromOption
    ? (fromOption, "--base-address")
    : (Environment.GetEnvironmentVariable(BaseAddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null, BaseAddressVariable);
Uri? baseAddress = null;
if (usageError is null
    && baseAddressText is not null
    && !(Uri.TryCreate(baseAddressText, UriKind.Absolute, out baseAddress) && baseAddress.Scheme is "http" or "https"))
{
    usageError = $"{baseAddressSource} '{baseAddressText}' is not an absolute http(s) URL (e.g. http://127.0.0.1:5000/).";
}

if (usageError is not null)
{
    Console.Error.WriteLine($"error: {usageError} Nothing was sent.");
    Console.Error.WriteLine();
    Console.Error.WriteLine(QuickStartOptions.Usage);
    return 2;
}

var prompt = options.Prompt ?? (options.Text
    ? "A paper boat drifts down a rain-soaked street at dusk, the camera following it low"
    : "The camera slowly pushes in while the colours drift");
var outputFolder = options.Output ?? "output";

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;            // stop waiting cleanly instead of killing the process
    cancellation.Cancel();
};

var apiKey = Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable);
using var emulator = string.IsNullOrWhiteSpace(apiKey) ? new KlingEmulator() : null;
KlingClient client;
if (emulator is not null)
{
    Console.WriteLine("COMETAPI_KEY is not set: using the built-in Kling emulator (no network, no cost; the video is a test pattern).");
    Console.WriteLine("Set COMETAPI_KEY to generate a real video through CometAPI.");
    if (baseAddress is not null)
    {
        // Without a key the first run must work offline, so the address is not used rather than refused.
        Console.WriteLine($"{baseAddressSource} {baseAddress} is used only with COMETAPI_KEY (for `kling emulator`: COMETAPI_KEY={KlingEmulator.DefaultApiKey}).");
    }

    client = emulator.CreateClient();
}
else
{
    Console.WriteLine(baseAddress is null
        ? "Using CometAPI with the key from COMETAPI_KEY: this creates a paid Kling task."
        : $"Using the Kling-compatible server at {baseAddress} (from {baseAddressSource}) with the key from COMETAPI_KEY.");
    try
    {
        client = new KlingClient(new KlingClientOptions { ApiKey = apiKey, BaseAddress = baseAddress ?? KlingClientOptions.DefaultBaseAddress });
    }
    catch (ArgumentException ex)
    {
        // E.g. plain http to a host other than the loopback: refused before anything is sent. The message names the
        // SDK's own parameter ("options"), which means nothing to someone running the sample.
        var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
        Console.Error.WriteLine($"error: {message} Nothing was sent.");
        return 2;
    }
}

string? taskId = null;
var externalTaskId = $"quickstart-{Guid.NewGuid():N}";
try
{
    // One task, either kind; everything after the create (wait, download) is the same for both.
    var created = options.Text
        ? await client.CreateTextToVideoAsync(
            new TextToVideoRequest
            {
                Prompt = prompt,
                ModelName = KlingModel.KlingV2Master,
                Mode = KlingMode.Standard,
                Duration = KlingDuration.Five,
                AspectRatio = KlingAspectRatio.Landscape16x9,
                ExternalTaskId = externalTaskId,
            },
            cancellation.Token)
        : await client.CreateImageToVideoAsync(
            new ImageToVideoRequest
            {
                Image = options.Image switch
                {
                    null => KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
                    { } text when Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => KlingImage.FromUrl(url),
                    { } path => KlingImage.FromFile(path),
                },
                Prompt = prompt,
                ModelName = KlingModel.KlingV2Master,
                Mode = KlingMode.Standard,
                Duration = KlingDuration.Five,
                ExternalTaskId = externalTaskId,
            },
            cancellation.Token);
    taskId = created.Data.TaskId;
    Console.WriteLine($"Task {taskId} ({created.Data.Kind.Name}) created: {created.Data.TaskStatus}");

    var lastStatus = created.Data.TaskStatus;
    var final = await client.WaitForCompletionAsync(
        created,
        new KlingWaitOptions
        {
            Progress = new SynchronousProgress<TaskResponse>(current =>
            {
                if (current.Data.TaskStatus != lastStatus)
                {
                    lastStatus = current.Data.TaskStatus;
                    Console.WriteLine($"Task {taskId}: {lastStatus}");
                }
            }),
        },
        cancellation.Token);

    if (final.Data.TaskStatus != KlingTaskStatus.Succeeded)
    {
        Console.Error.WriteLine($"Task {taskId} ended as {final.Data.TaskStatus}: {final.Data.TaskStatusMessage}");
        return 1;
    }

    // A folder: the video is saved as <task-id>.mp4 in it (and any other result file beside it).
    var paths = await client.DownloadResultsAsync(final, KlingOutput.Folder(outputFolder), cancellationToken: cancellation.Token);
    foreach (var path in paths)
    {
        Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
    }

    return 0;
}
catch (KlingValidationException ex)
{
    Console.Error.WriteLine("The request was not sent, because:");
    foreach (var error in ex.Errors)
    {
        Console.Error.WriteLine($"  {error.Path}: {error.Message}");
    }

    return 2;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine(taskId is null
        ? $"Stopped. If the task was created it goes on: its external_task_id is {externalTaskId}."
        : $"Stopped. Task {taskId} goes on; query it again later by its id.");
    return 130;
}
catch (Exception ex) when (ex is KlingException or ArgumentException or IOException or UnauthorizedAccessException)
{
    // The SDK's messages say what went wrong and what to do, and never carry the key: a stack trace adds nothing.
    // (KlingApiException, KlingConnectionException, KlingAmbiguousCreateException, KlingDownloadException,
    // KlingTaskFailedException and KlingWaitTimeoutException are KlingExceptions.)
    Console.Error.WriteLine($"error: {ex.Message}");
    if (taskId is not null)
    {
        Console.Error.WriteLine($"The task ({taskId}) is not affected: query it again later by its id.");
    }

    return 1;
}

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool and may reorder lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
