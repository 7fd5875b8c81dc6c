using System.CommandLine;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling image2video</c>: create a task, wait for it and save the video (or only create it, with <c>--no-wait</c>).</summary>
internal static class ImageToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var image = new Option<string>("--image") { Description = "The first frame: a local JPEG/PNG file or an http(s) URL.", Required = true };
        // Optional, as in the API (only image is required): Kling then animates the image on its own.
        var prompt = new Option<string?>("--prompt") { Description = "What should happen in the video (optional; up to 500 characters)." };
        var negativePrompt = new Option<string?>("--negative-prompt") { Description = "What to avoid (up to 200 characters)." };
        var model = new Option<string?>("--model") { Description = "model_name, e.g. kling-v2-master (default: the service's)." };
        var mode = new Option<string?>("--mode") { Description = "std or pro." };
        var duration = new Option<string?>("--duration") { Description = "Video length in seconds: 5 or 10." };
        var cfgScale = new Option<double?>("--cfg-scale") { Description = "Prompt adherence, 0 to 1 (not supported by kling-v2.x models)." };
        var imageTail = new Option<string?>("--image-tail") { Description = "The last frame: a local file or an http(s) URL." };
        var callbackUrl = new Option<string?>("--callback-url") { Description = "An http(s) URL the service POSTs each status change to." };
        var externalId = new Option<string?>("--external-id") { Description = "Your own id for the task (unique per key): lets you find it again." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to save the video (default: <task-id>.mp4; a folder saves <task-id>.mp4 in it)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Only create the task and print its id; follow it with `kling status <id> --wait`." };

        var command = new Command("image2video", "Turn an image into a video: create the task, wait for it, save the MP4.")
        {
            image, prompt, negativePrompt, model, mode, duration, cfgScale, imageTail, callbackUrl, externalId, output, noWait,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            TaskResponse? task = null;
            try
            {
                var request = new ImageToVideoRequest
                {
                    Image = ImageArgument.Parse(parse.GetValue(image)),
                    ImageTail = ImageArgument.Parse(parse.GetValue(imageTail)),
                    Prompt = parse.GetValue(prompt),
                    NegativePrompt = parse.GetValue(negativePrompt),
                    ModelName = parse.GetValue(model) is { } modelName ? (KlingModel?)new KlingModel(modelName) : null,
                    Mode = parse.GetValue(mode) is { } modeName ? (KlingMode?)new KlingMode(modeName) : null,
                    Duration = parse.GetValue(duration) is { } seconds ? (KlingDuration?)new KlingDuration(seconds) : null,
                    CfgScale = parse.GetValue(cfgScale),
                    CallbackUrl = ParseCallbackUrl(parse.GetValue(callbackUrl)),
                    ExternalTaskId = parse.GetValue(externalId),
                };

                var client = session.Client;
                task = await client.CreateImageToVideoAsync(request, cancellationToken).ConfigureAwait(false);
                var taskId = task.Data.TaskId;
                session.Console.Info($"Task {taskId} created: {task.Data.TaskStatus}");
                if (parse.GetValue(noWait))
                {
                    session.Console.Note($"Follow it with: {session.ResumeCommand(taskId)}");
                    if (session.Console.Json)
                    {
                        session.Console.WriteJson(new CliResult { Task = task.Data, RequestId = task.RequestId });
                    }

                    return ExitCodes.Success;
                }

                task = await session.WaitAsync(task, cancellationToken).ConfigureAwait(false);
                if (task.Data.TaskStatus != KlingTaskStatus.Succeed)
                {
                    session.Console.DescribeTask(task, statusShown: true);
                    throw new KlingTaskFailedException($"Task {taskId} failed: {task.Data.TaskStatusMessage}", task);
                }

                var path = (await session.DownloadAsync(task, OutputPath(parse.GetValue(output), taskId), cancellationToken).ConfigureAwait(false))[0];
                session.Console.Info($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
                if (session.Console.Json)
                {
                    session.Console.WriteJson(new CliResult { Task = task.Data, RequestId = task.RequestId, File = path });
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (CliSession.Handles(ex, cancellationToken))
            {
                return session.Fail(ex, task, cancellationToken);
            }
        });
        return command;
    }

    /// <summary>The file to save to: the option, a folder it names, or <c>&lt;task-id&gt;.mp4</c> in the current folder.</summary>
    public static string OutputPath(string? output, string taskId) => output switch
    {
        null => $"{taskId}.mp4",
        _ when Directory.Exists(output) => Path.Combine(output, $"{taskId}.mp4"),
        _ => output,
    };

    private static Uri? ParseCallbackUrl(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url)
            ? url
            : throw new KlingCliUsageException($"--callback-url '{value}' is not an absolute URL (e.g. https://example.com/kling/callback).");
    }
}
