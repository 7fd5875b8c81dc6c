using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling video-extend</c>: continue a generated video, wait for the task and save the MP4 (or only create it, with <c>--no-wait</c>).</summary>
internal static class VideoExtendCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var videoId = new Option<string>("--video-id") { Description = "The video to continue: task_result.videos[].id of a succeeded task.", Required = true };
        var taskId = new Option<string?>("--task-id") { Description = "The parent task's id (CometAPI's newer page asks for it with --video-id; the official API has no such field)." };
        var prompt = new Option<string?>("--prompt") { Description = "What happens next (optional; up to 500 characters)." };
        var negativePrompt = TaskOptions.NegativePrompt();
        var cfgScale = new Option<double?>("--cfg-scale") { Description = "Prompt adherence, 0 to 1." };
        var callbackUrl = TaskOptions.CallbackUrl();

        // No --external-id: the route takes none (see VideoExtendRequest).
        return TaskCommand.Create(
            "video-extend",
            "Continue a generated video by about 5 seconds: create the task, wait for it, save the MP4.",
            openSession,
            [videoId, taskId, prompt, negativePrompt, cfgScale, callbackUrl],
            parse => new VideoExtendRequest
            {
                VideoId = parse.GetValue(videoId),
                ParentTaskId = parse.GetValue(taskId),
                Prompt = parse.GetValue(prompt),
                NegativePrompt = parse.GetValue(negativePrompt),
                CfgScale = parse.GetValue(cfgScale),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
            },
            (client, request, cancellationToken) => client.CreateVideoExtendAsync(request, cancellationToken));
    }
}
