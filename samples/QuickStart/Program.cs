// QuickStart: turn an image into a video and save the MP4.
//   dotnet run --project samples/QuickStart [-- --image <path|url>] [--prompt <text>] [--output <folder>]
// With COMETAPI_KEY set it uses CometAPI (a paid task); without, the in-process Kling emulator (no network, no cost).
using CometApi.Kling;
using CometApi.Kling.Testing;

var imageArgument = Option(args, "--image");
var prompt = Option(args, "--prompt") ?? "The camera slowly pushes in while the colours drift";
var outputFolder = Option(args, "--output") ?? "output";

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
    client = emulator.CreateClient();
}
else
{
    Console.WriteLine("Using CometAPI with the key from COMETAPI_KEY: this creates a paid Kling task.");
    client = new KlingClient(new KlingClientOptions { ApiKey = apiKey });
}

var image = imageArgument switch
{
    null => KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
    _ when Uri.TryCreate(imageArgument, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => KlingImage.FromUrl(url),
    _ => KlingImage.FromFile(imageArgument),
};

try
{
    var created = await client.CreateImageToVideoAsync(
        new ImageToVideoRequest
        {
            Image = image,
            Prompt = prompt,
            ModelName = KlingModel.KlingV2Master,
            Mode = KlingMode.Standard,
            Duration = KlingDuration.Five,
            ExternalTaskId = $"quickstart-{Guid.NewGuid():N}",
        },
        cancellation.Token);
    var taskId = created.Data.TaskId;
    Console.WriteLine($"Task {taskId} created: {created.Data.TaskStatus}");

    var lastStatus = created.Data.TaskStatus;
    var final = await client.WaitForCompletionAsync(
        taskId,
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

    if (final.Data.TaskStatus != KlingTaskStatus.Succeed)
    {
        Console.Error.WriteLine($"Task {taskId} ended as {final.Data.TaskStatus}: {final.Data.TaskStatusMessage}");
        return 1;
    }

    var path = await client.DownloadVideoAsync(final, Path.Combine(outputFolder, $"{taskId}.mp4"), cancellationToken: cancellation.Token);
    Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
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
catch (KlingApiException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped waiting. The task goes on; query it again later by its id.");
    return 130;
}

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool and may reorder lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
