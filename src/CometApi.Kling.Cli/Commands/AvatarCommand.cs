using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling avatar</c>: make the face in an image speak an audio; create the task, wait for it and save the video.</summary>
internal static class AvatarCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var image = new Option<string>("--image") { Description = "The face: a local JPEG/PNG file or an http(s) URL.", Required = true };
        var audio = new Option<string?>("--audio") { Description = "The speech: a local MP3/WAV/M4A/AAC file or an http(s) URL (2 to 60 s, at most 5 MB). Or --audio-id." };
        var audioId = new Option<string?>("--audio-id") { Description = "The speech as the id of an audio Kling generated. Or --audio." };
        var options = new TaskOptions<AvatarRequest>()
            .Add(image, audio, audioId)

            // Not Required here: the SDK's rule (KlingValidationLimits.Avatar.RequirePrompt) says why, with every other problem.
            .Prompt("What the avatar does while it speaks (required on CometAPI; up to 2500 characters).", (request, value) => request.Prompt = value)
            .Mode((request, value) => request.Mode = value)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "avatar",
            "Make the face in an image speak an audio: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new AvatarRequest
            {
                Image = ImageArgument.Parse(parse.GetValue(image)),
                Audio = AudioArgument.Parse(parse.GetValue(audio)),
                AudioId = parse.GetValue(audioId),
            },
            (client, request, cancellationToken) => client.CreateAvatarAsync(request, cancellationToken));
    }
}
