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
        // Not Required here: the SDK's rule (KlingValidationLimits.Avatar.RequirePrompt) says why, with every other problem.
        var prompt = new Option<string?>("--prompt") { Description = "What the avatar does while it speaks (required on CometAPI; up to 2500 characters)." };
        var mode = TaskOptions.Mode();
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "avatar",
            "Make the face in an image speak an audio: create the task, wait for it, save the MP4.",
            openSession,
            [image, audio, audioId, prompt, mode, callbackUrl, externalId],
            parse => new AvatarRequest
            {
                Image = ImageArgument.Parse(parse.GetValue(image)),
                Audio = AudioArgument.Parse(parse.GetValue(audio)),
                AudioId = parse.GetValue(audioId),
                Prompt = parse.GetValue(prompt),
                Mode = TaskOptions.ReadMode(parse, mode),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateAvatarAsync(request, cancellationToken));
    }
}
