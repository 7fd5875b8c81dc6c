using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling text2video</c>: create a task from a prompt, wait for it and save the video (or only create it, with <c>--no-wait</c>).</summary>
internal static class TextToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var prompt = new Option<string>("--prompt") { Description = "What the video shows (up to 500 characters).", Required = true };
        var negativePrompt = TaskOptions.NegativePrompt();
        var aspectRatio = new Option<string?>("--aspect-ratio") { Description = "The video's width:height: 16:9 (the service's default), 9:16, 1:1, 4:3, 3:4, 3:2 or 2:3." };
        var model = TaskOptions.Model();
        var mode = TaskOptions.Mode();
        var duration = TaskOptions.Duration();
        var cfgScale = TaskOptions.CfgScale();
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "text2video",
            "Turn a text into a video: create the task, wait for it, save the MP4.",
            openSession,
            [prompt, negativePrompt, aspectRatio, model, mode, duration, cfgScale, callbackUrl, externalId],
            parse => new TextToVideoRequest
            {
                Prompt = parse.GetValue(prompt),
                NegativePrompt = parse.GetValue(negativePrompt),
                AspectRatio = parse.GetValue(aspectRatio) is { } ratio ? (KlingAspectRatio?)new KlingAspectRatio(ratio) : null,
                ModelName = TaskOptions.ReadModel(parse, model),
                Mode = TaskOptions.ReadMode(parse, mode),
                Duration = TaskOptions.ReadDuration(parse, duration),
                CfgScale = parse.GetValue(cfgScale),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateTextToVideoAsync(request, cancellationToken));
    }
}
