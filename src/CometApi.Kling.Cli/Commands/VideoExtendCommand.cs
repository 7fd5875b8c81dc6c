using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling video-extend</c>: continue a generated video, wait for the task and save the MP4 (or only create it, with <c>--no-wait</c>).</summary>
internal static class VideoExtendCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var videoId = new Option<string>("--video-id") { Description = "The video to continue: task_result.videos[].id of a succeeded task.", Required = true };
        var taskId = new Option<string?>("--task-id") { Description = "The parent task's id (CometAPI's newer page asks for it with --video-id; the official API has no such field)." };

        // No --external-id: the route takes none (see VideoExtendRequest).
        var options = new TaskOptions<VideoExtendRequest>()
            .Add(videoId, taskId)
            .Prompt("What happens next (optional; up to 500 characters).", (request, value) => request.Prompt = value)
            .NegativePrompt((request, value) => request.NegativePrompt = value)
            .CfgScale((request, value) => request.CfgScale = value, "Prompt adherence, 0 to 1.")
            .CallbackUrl((request, value) => request.CallbackUrl = value);

        return TaskCommand.Create(
            "video-extend",
            "Continue a generated video by about 5 seconds: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new VideoExtendRequest
            {
                VideoId = parse.GetValue(videoId),
                ParentTaskId = parse.GetValue(taskId),
            },
            (client, request, cancellationToken) => client.CreateVideoExtendAsync(request, cancellationToken));
    }
}
