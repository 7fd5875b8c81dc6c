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
        // A sound's length is a number of seconds with one decimal, not a video's duration string: this kind's own option.
        var duration = new Option<double?>("--duration") { Description = "The sound's length in seconds: 3 to 10, one decimal at most (e.g. 5 or 7.5).", Required = true };
        var options = new TaskOptions<TextToAudioRequest>()
            .Prompt("What the sound is (up to 200 characters).", (request, value) => request.Prompt = value, required: true)
            .Add(duration)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "text-to-audio",
            "Turn a text into a sound: create the task, wait for it, save it as MP3 and WAV.",
            openSession,
            options,
            parse => new TextToAudioRequest
            {
                Duration = CliTime.ReadSeconds(parse, duration),
            },
            (client, request, cancellationToken) => client.CreateTextToAudioAsync(request, cancellationToken));
    }
}
