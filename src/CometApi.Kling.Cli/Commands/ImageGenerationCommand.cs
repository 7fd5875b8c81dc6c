using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling image-generation</c>: create a task from a prompt (and a reference image), wait for it and save the images.</summary>
internal static class ImageGenerationCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var count = new Option<int?>("--n") { Description = "How many images, 1 to 9 (default 1); each counts as one running task. Several are saved as <name>-1, -2, ... or in the -o folder." };
        var image = new Option<string?>("--image") { Description = "A reference image: a local JPEG/PNG file or an http(s) URL." };
        var imageReference = new Option<string?>("--image-reference") { Description = "What to keep from --image: subject or face." };
        var imageFidelity = new Option<double?>("--image-fidelity") { Description = "How closely to follow --image, 0 to 1." };
        var humanFidelity = new Option<double?>("--human-fidelity") { Description = "How closely to keep the person, 0 to 1 (only with --image-reference subject)." };
        var resolution = new Option<string?>("--resolution") { Description = "1k (the service's default) or 2k." };
        var options = new TaskOptions<ImageGenerationRequest>()
            .Prompt("What the images show (up to 500 characters).", (request, value) => request.Prompt = value, required: true)
            .NegativePrompt((request, value) => request.NegativePrompt = value, "What to avoid (up to 200 characters; not with --image).")
            .Add(count)
            .AspectRatio("The images' width:height: 16:9 (the service's default), 9:16, 1:1, 4:3, 3:4, 3:2 or 2:3.", (request, value) => request.AspectRatio = value)
            .Add(image, imageReference, imageFidelity, humanFidelity, resolution)
            .Model((request, value) => request.ModelName = value, "model_name, e.g. kling-v3 (default: the service's).")
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "image-generation",
            "Turn a text (and a reference image) into 1 to 9 images: create the task, wait for it, save the PNGs.",
            openSession,
            options,
            parse => new ImageGenerationRequest
            {
                ImageCount = parse.GetValue(count),
                Image = ImageArgument.Parse(parse.GetValue(image)),
                ImageReference = parse.GetValue(imageReference) is { } reference ? (KlingImageReference?)new KlingImageReference(reference) : null,
                ImageFidelity = parse.GetValue(imageFidelity),
                HumanFidelity = parse.GetValue(humanFidelity),
                Resolution = parse.GetValue(resolution) is { } size ? (KlingImageResolution?)new KlingImageResolution(size) : null,
            },
            (client, request, cancellationToken) => client.CreateImageGenerationAsync(request, cancellationToken));
    }
}
