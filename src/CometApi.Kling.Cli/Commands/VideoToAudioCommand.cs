using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// <c>kling video-to-audio</c>: give a video (a Kling video id or a public URL) a generated soundtrack, wait, and save
/// every file: the video with its sound and the sound alone as MP3 and WAV (<c>-o out/</c> saves them in a folder).
/// </summary>
internal static class VideoToAudioCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var videoId = new Option<string?>("--video-id") { Description = "The id of a video Kling made (task_result.videos[].id); or give --video-url." };
        var videoUrl = new Option<string?>("--video-url") { Description = "A public http(s) URL of an MP4/MOV video, 3 to 20 s; or give --video-id. Local files cannot be sent." };
        var soundEffectPrompt = new Option<string?>("--sound-effect-prompt") { Description = "What the sound effects should be (up to 200 characters)." };
        var bgmPrompt = new Option<string?>("--bgm-prompt") { Description = "What the background music should be (up to 200 characters)." };
        var asmr = new Option<bool>("--asmr") { Description = "ASMR mode: detailed, close-up sound (asmr_mode)." };
        var options = new TaskOptions<VideoToAudioRequest>()
            .Add(videoId, videoUrl, soundEffectPrompt, bgmPrompt, asmr)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "video-to-audio",
            "Give a video a soundtrack: create the task, wait for it, save the video with sound and the sound as MP3 and WAV.",
            openSession,
            options,
            parse => new VideoToAudioRequest
            {
                VideoId = parse.GetValue(videoId),
                VideoUrl = ReadVideoUrl(parse, videoUrl),
                SoundEffectPrompt = parse.GetValue(soundEffectPrompt),
                BackgroundMusicPrompt = parse.GetValue(bgmPrompt),

                // Sent only when asked: unset, the service applies its own default (off).
                AsmrMode = parse.GetValue(asmr) ? true : null,
            },
            (client, request, cancellationToken) => client.CreateVideoToAudioAsync(request, cancellationToken));
    }

    /// <summary>
    /// The video's URL as given: a file name or path is passed on too, so the SDK's rules refuse it beside every other
    /// problem of the request, saying that Kling takes no local file.
    /// </summary>
    private static Uri? ReadVideoUrl(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } value)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out var url)
            ? url
            : throw new KlingCliUsageException($"--video-url '{value}' is not a URL: Kling takes the video as a public http(s) URL or as --video-id (the id of a Kling video).");
    }
}
