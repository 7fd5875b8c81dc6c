using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling multi-image2video</c>: one video from 2 to 4 images and a prompt; create, wait, save (or only create, with <c>--no-wait</c>).</summary>
internal static class MultiImageToVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var images = new Option<string[]>("--image")
        {
            Description = "An image: a local JPEG/PNG file or an http(s) URL. Repeat it for each image (2 to 4 on CometAPI).",
            Required = true,
        };
        var options = new TaskOptions<MultiImageToVideoRequest>()
            .Add(images)
            .Prompt("What the video shows (up to 500 characters).", (request, value) => request.Prompt = value, required: true)
            .NegativePrompt((request, value) => request.NegativePrompt = value)
            .AspectRatio("The video's width:height: 16:9 (the service's default), 9:16 or 1:1.", (request, value) => request.AspectRatio = value)
            .Model((request, value) => request.ModelName = value)
            .Mode((request, value) => request.Mode = value)
            .Duration((request, value) => request.Duration = value)
            .CfgScale((request, value) => request.CfgScale = value)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "multi-image2video",
            "Turn several images into one video: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new MultiImageToVideoRequest
            {
                Images = [.. (parse.GetValue(images) ?? []).Select(value => new KlingImageListItem { Image = ImageArgument.Parse(value) })],
            },
            (client, request, cancellationToken) => client.CreateMultiImageToVideoAsync(request, cancellationToken));
    }
}
