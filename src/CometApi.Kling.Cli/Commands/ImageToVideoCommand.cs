using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling image2video</c>: create a task, wait for it and save the video (or only create it, with <c>--no-wait</c>).</summary>
internal static class ImageToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var image = new Option<string>("--image") { Description = "The first frame: a local JPEG/PNG file or an http(s) URL.", Required = true };
        var imageTail = new Option<string?>("--image-tail") { Description = "The last frame: a local file or an http(s) URL." };
        var options = new TaskOptions<ImageToVideoRequest>()
            .Add(image)

            // Optional, as in the API (only image is required): Kling then animates the image on its own.
            .Prompt("What should happen in the video (optional; up to 500 characters).", (request, value) => request.Prompt = value)
            .NegativePrompt((request, value) => request.NegativePrompt = value)
            .Model((request, value) => request.ModelName = value)
            .Mode((request, value) => request.Mode = value)
            .Duration((request, value) => request.Duration = value)
            .CfgScale((request, value) => request.CfgScale = value)
            .Add(imageTail)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "image2video",
            "Turn an image into a video: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new ImageToVideoRequest
            {
                Image = ImageArgument.Parse(parse.GetValue(image)),
                ImageTail = ImageArgument.Parse(parse.GetValue(imageTail)),
            },
            (client, request, cancellationToken) => client.CreateImageToVideoAsync(request, cancellationToken));
    }
}
