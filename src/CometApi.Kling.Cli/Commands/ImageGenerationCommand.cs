using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling image-generation</c>: create a task from a prompt (and a reference image), wait for it and save the images.</summary>
internal static class ImageGenerationCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var prompt = new Option<string>("--prompt") { Description = "What the images show (up to 500 characters).", Required = true };
        var negativePrompt = new Option<string?>("--negative-prompt") { Description = "What to avoid (up to 200 characters; not with --image)." };
        var count = new Option<int?>("--n") { Description = "How many images, 1 to 9 (default 1); each counts as one running task. Several are saved as <name>-1, -2, ... or in the -o folder." };
        var aspectRatio = new Option<string?>("--aspect-ratio") { Description = "The images' width:height: 16:9 (the service's default), 9:16, 1:1, 4:3, 3:4, 3:2 or 2:3." };
        var image = new Option<string?>("--image") { Description = "A reference image: a local JPEG/PNG file or an http(s) URL." };
        var imageReference = new Option<string?>("--image-reference") { Description = "What to keep from --image: subject or face." };
        var imageFidelity = new Option<double?>("--image-fidelity") { Description = "How closely to follow --image, 0 to 1." };
        var humanFidelity = new Option<double?>("--human-fidelity") { Description = "How closely to keep the person, 0 to 1 (only with --image-reference subject)." };
        var resolution = new Option<string?>("--resolution") { Description = "1k (the service's default) or 2k." };
        var model = new Option<string?>("--model") { Description = "model_name, e.g. kling-v3 (default: the service's)." };
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "image-generation",
            "Turn a text (and a reference image) into 1 to 9 images: create the task, wait for it, save the PNGs.",
            openSession,
            [prompt, negativePrompt, count, aspectRatio, image, imageReference, imageFidelity, humanFidelity, resolution, model, callbackUrl, externalId],
            parse => new ImageGenerationRequest
            {
                Prompt = parse.GetValue(prompt),
                NegativePrompt = parse.GetValue(negativePrompt),
                ImageCount = parse.GetValue(count),
                AspectRatio = parse.GetValue(aspectRatio) is { } ratio ? (KlingAspectRatio?)new KlingAspectRatio(ratio) : null,
                Image = ImageArgument.Parse(parse.GetValue(image)),
                ImageReference = parse.GetValue(imageReference) is { } reference ? (KlingImageReference?)new KlingImageReference(reference) : null,
                ImageFidelity = parse.GetValue(imageFidelity),
                HumanFidelity = parse.GetValue(humanFidelity),
                Resolution = parse.GetValue(resolution) is { } size ? (KlingImageResolution?)new KlingImageResolution(size) : null,
                ModelName = TaskOptions.ReadModel(parse, model),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateImageGenerationAsync(request, cancellationToken));
    }
}
