using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling virtual-try-on</c>: dress a person in a garment, wait for the task and save the image.</summary>
internal static class VirtualTryOnCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var human = new Option<string>("--human") { Description = "The person: a local JPEG/PNG file or an http(s) URL.", Required = true };
        var cloth = new Option<string>("--cloth") { Description = "The garment (one upper, lower or dress piece): a local JPEG/PNG file or an http(s) URL.", Required = true };
        var model = new Option<string?>("--model") { Description = "kolors-virtual-try-on-v1 (the service's default) or kolors-virtual-try-on-v1-5." };
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "virtual-try-on",
            "Dress a person in a garment: create the task, wait for it, save the image (no CometAPI create page: confirm your host serves it).",
            openSession,
            [human, cloth, model, callbackUrl, externalId],
            parse => new VirtualTryOnRequest
            {
                HumanImage = ImageArgument.Parse(parse.GetValue(human)),
                ClothingImage = ImageArgument.Parse(parse.GetValue(cloth)),
                ModelName = TaskOptions.ReadModel(parse, model),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateVirtualTryOnAsync(request, cancellationToken));
    }
}
