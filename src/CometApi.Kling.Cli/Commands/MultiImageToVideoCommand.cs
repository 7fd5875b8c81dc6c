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
        var prompt = new Option<string>("--prompt") { Description = "What the video shows (up to 500 characters).", Required = true };
        var negativePrompt = TaskOptions.NegativePrompt();
        var aspectRatio = new Option<string?>("--aspect-ratio") { Description = "The video's width:height: 16:9 (the service's default), 9:16 or 1:1." };
        var model = TaskOptions.Model();
        var mode = TaskOptions.Mode();
        var duration = TaskOptions.Duration();
        var cfgScale = TaskOptions.CfgScale();
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "multi-image2video",
            "Turn several images into one video: create the task, wait for it, save the MP4.",
            openSession,
            [images, prompt, negativePrompt, aspectRatio, model, mode, duration, cfgScale, callbackUrl, externalId],
            parse => new MultiImageToVideoRequest
            {
                Images = [.. (parse.GetValue(images) ?? []).Select(value => new KlingImageListItem { Image = ImageArgument.Parse(value) })],
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
            (client, request, cancellationToken) => client.CreateMultiImageToVideoAsync(request, cancellationToken));
    }
}
