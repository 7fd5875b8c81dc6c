using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling image2video</c>: create a task, wait for it and save the video (or only create it, with <c>--no-wait</c>).</summary>
internal static class ImageToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var image = new Option<string>("--image") { Description = "The first frame: a local JPEG/PNG file or an http(s) URL.", Required = true };
        // Optional, as in the API (only image is required): Kling then animates the image on its own.
        var prompt = new Option<string?>("--prompt") { Description = "What should happen in the video (optional; up to 500 characters)." };
        var negativePrompt = TaskOptions.NegativePrompt();
        var model = TaskOptions.Model();
        var mode = TaskOptions.Mode();
        var duration = TaskOptions.Duration();
        var cfgScale = TaskOptions.CfgScale();
        var imageTail = new Option<string?>("--image-tail") { Description = "The last frame: a local file or an http(s) URL." };
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "image2video",
            "Turn an image into a video: create the task, wait for it, save the MP4.",
            openSession,
            [image, prompt, negativePrompt, model, mode, duration, cfgScale, imageTail, callbackUrl, externalId],
            parse => new ImageToVideoRequest
            {
                Image = ImageArgument.Parse(parse.GetValue(image)),
                ImageTail = ImageArgument.Parse(parse.GetValue(imageTail)),
                Prompt = parse.GetValue(prompt),
                NegativePrompt = parse.GetValue(negativePrompt),
                ModelName = TaskOptions.ReadModel(parse, model),
                Mode = TaskOptions.ReadMode(parse, mode),
                Duration = TaskOptions.ReadDuration(parse, duration),
                CfgScale = parse.GetValue(cfgScale),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateImageToVideoAsync(request, cancellationToken));
    }
}
