namespace CometApi.Kling.Cli;

/// <summary>
/// <c>-o</c> as the client's explicit <see cref="KlingOutput"/>, read once before anything is sent: a folder when it ends
/// with a separator or names an existing folder (as <c>cp</c> and <c>mv</c> read a destination), the current folder when
/// absent, a file otherwise.
/// </summary>
internal static class CliOutput
{
    public static KlingOutput Parse(string? option)
    {
        if (option is null)
        {
            return KlingOutput.Folder(Directory.GetCurrentDirectory());
        }

        try
        {
            return option.EndsWith(Path.DirectorySeparatorChar) || option.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(option)
                ? KlingOutput.Folder(option)
                : KlingOutput.File(option);
        }
        catch (ArgumentException ex)
        {
            throw new KlingCliUsageException($"-o '{option}' cannot be used: {ex.Message}");
        }
    }

    /// <summary>
    /// Refuses, before the (paid) task is created, a file <c>-o</c> for a request whose task saves several files that the
    /// file's extension cannot pick one from (the client's rule for a file target): <c>--n 3</c> images, or an audio kind's
    /// <c>-o</c> without <c>.mp3</c> / <c>.wav</c> (or <c>.mp4</c> for video-to-audio's video).
    /// </summary>
    public static void CheckFits(object? request, KlingOutput output)
    {
        if (output.IsFolder)
        {
            return;
        }

        var extension = Path.GetExtension(output.Path).ToLowerInvariant();
        var problem = request switch
        {
            ImageGenerationRequest { ImageCount: > 1 } images => $"--n {images.ImageCount} makes {images.ImageCount} images",
            TextToAudioRequest when extension is not (".mp3" or ".wav") => "a text-to-audio task saves an MP3 and a WAV, and the extension picks neither",
            VideoToAudioRequest when extension is not (".mp4" or ".mov" or ".mp3" or ".wav") =>
                "a video-to-audio task saves the video and its audio as MP3 and WAV, and the extension picks none of them",
            _ => null,
        };
        if (problem is not null)
        {
            throw new KlingCliUsageException(
                $"-o '{output.Path}' names one file, but {problem}: end -o with / to save every file into a folder, or name the file you want (.mp4, .mp3, .wav). Nothing was sent.");
        }
    }
}
