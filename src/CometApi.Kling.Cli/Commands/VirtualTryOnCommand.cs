using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling virtual-try-on</c>: dress a person in a garment, wait for the task and save the image.</summary>
internal static class VirtualTryOnCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var human = new Option<string>("--human") { Description = "The person: a local JPEG/PNG file or an http(s) URL.", Required = true };
        var cloth = new Option<string>("--cloth") { Description = "The garment (one upper, lower or dress piece): a local JPEG/PNG file or an http(s) URL.", Required = true };
        var options = new TaskOptions<VirtualTryOnRequest>()
            .Add(human, cloth)
            .Model((request, value) => request.ModelName = value, "kolors-virtual-try-on-v1 (the service's default) or kolors-virtual-try-on-v1-5.")
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "virtual-try-on",
            "Dress a person in a garment: create the task, wait for it, save the image (no CometAPI create page: confirm your host serves it).",
            openSession,
            options,
            parse => new VirtualTryOnRequest
            {
                HumanImage = ImageArgument.Parse(parse.GetValue(human)),
                ClothingImage = ImageArgument.Parse(parse.GetValue(cloth)),
            },
            (client, request, cancellationToken) => client.CreateVirtualTryOnAsync(request, cancellationToken));
    }
}
