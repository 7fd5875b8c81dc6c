using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// <c>kling text-to-audio</c>: create a sound from a prompt, wait for it and save it in each format offered (MP3 and WAV:
/// <c>-o rain.mp3</c> saves <c>rain.mp3</c> and <c>rain.wav</c>), or only create it, with <c>--no-wait</c>.
/// </summary>
internal static class TextToAudioCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var prompt = new Option<string>("--prompt") { Description = "What the sound is (up to 200 characters).", Required = true };
        var duration = new Option<double?>("--duration") { Description = "The sound's length in seconds: 3 to 10, one decimal at most (e.g. 5 or 7.5).", Required = true };
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "text-to-audio",
            "Turn a text into a sound: create the task, wait for it, save it as MP3 and WAV.",
            openSession,
            [prompt, duration, callbackUrl, externalId],
            parse => new TextToAudioRequest
            {
                Prompt = parse.GetValue(prompt),
                Duration = TaskOptions.ReadSeconds(parse, duration),
                CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                ExternalTaskId = parse.GetValue(externalId),
            },
            (client, request, cancellationToken) => client.CreateTextToAudioAsync(request, cancellationToken));
    }
}
