using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling text2video</c>: create a task from a prompt, wait for it and save the video (or only create it, with <c>--no-wait</c>).</summary>
internal static class TextToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        // Every option of this kind is a common one: TaskOptions sets each on the request.
        var options = new TaskOptions<TextToVideoRequest>()
            .Prompt("What the video shows (up to 500 characters).", (request, value) => request.Prompt = value, required: true)
            .NegativePrompt((request, value) => request.NegativePrompt = value)
            .AspectRatio("The video's width:height: 16:9 (the service's default), 9:16, 1:1, 4:3, 3:4, 3:2 or 2:3.", (request, value) => request.AspectRatio = value)
            .Model((request, value) => request.ModelName = value)
            .Mode((request, value) => request.Mode = value)
            .Duration((request, value) => request.Duration = value)
            .CfgScale((request, value) => request.CfgScale = value)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "text2video",
            "Turn a text into a video: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new TextToVideoRequest(),
            (client, request, cancellationToken) => client.CreateTextToVideoAsync(request, cancellationToken));
    }
}
