namespace CometApi.Kling.Download;

/// <summary>
/// The files a succeeded task offers, whatever its kind (every video, every image, each audio in each format), and
/// where each is saved for a <see cref="KlingOutput"/>: a folder takes them all, named after the task; a file takes
/// exactly one, picked by the path's extension when there are several.
/// </summary>
internal static class KlingResultFiles
{
    /// <summary>What a file holds; folder names are numbered per kind of media (three images: -1, -2, -3).</summary>
    internal enum Media
    {
        Video,
        Image,
        Audio,
    }

    /// <summary>One downloadable file: its URL, its media, which item of that media it is (0-based) and its default extension.</summary>
    internal readonly record struct ResultFile(Uri Url, Media Media, int Item, string Extension);

    /// <summary>One file to save and where.</summary>
    internal readonly record struct PlannedFile(Uri Url, string Target);

    /// <summary>
    /// Every file of the task's result, in the order the service listed them, each once: videos, images, then each
    /// audio's formats. A video-to-audio video listed inside its audio item (<see cref="KlingGeneratedAudio.VideoUrl"/>,
    /// the layout Kling's own client code reads) counts as a video, unless <c>videos[]</c> already holds it.
    /// </summary>
    public static IReadOnlyList<ResultFile> Of(TaskData task)
    {
        var files = new List<ResultFile>();
        var result = task.TaskResult;
        if (result is null)
        {
            return files;
        }

        var urls = new HashSet<Uri>();
        var videoIds = new HashSet<string>(StringComparer.Ordinal);
        var counts = new int[3];
        foreach (var video in result.Videos)
        {
            if (video?.Id is { } id)
            {
                videoIds.Add(id);
            }

            AddItem(files, urls, counts, Media.Video, (video?.Url, ".mp4"));
        }

        foreach (var image in result.Images)
        {
            AddItem(files, urls, counts, Media.Image, (image?.Url, ".png"));
        }

        foreach (var audio in result.Audios)
        {
            if (audio is null)
            {
                continue;
            }

            if (audio.VideoId is null || !videoIds.Contains(audio.VideoId))
            {
                AddItem(files, urls, counts, Media.Video, (audio.VideoUrl, ".mp4"));
            }

            // Each format the service offers is saved: a user asked for the audio, not for one encoding of it.
            AddItem(files, urls, counts, Media.Audio, (audio.Mp3Url, ".mp3"), (audio.WavUrl, ".wav"), (audio.Url, ".mp3"));
        }

        return files;
    }

    /// <summary>
    /// What a task of this request will offer, as far as the request alone tells (the default extension of each file),
    /// or <see langword="null"/> when it is one file. Lets <see cref="KlingClient.GenerateAsync"/> refuse a file target
    /// that cannot hold the result before the task is paid for.
    /// </summary>
    public static IReadOnlyList<string>? Expected(KlingTaskRequest request) => request switch
    {
        ImageGenerationRequest { ImageCount: > 1 } images => Enumerable.Repeat(".png", images.ImageCount.Value).ToArray(),
        TextToAudioRequest => [".mp3", ".wav"],
        VideoToAudioRequest => [".mp4", ".mp3", ".wav"],
        _ => null,
    };

    /// <summary>
    /// Why a file target cannot take a result of these files (their extensions), or <see langword="null"/> when it
    /// can: one file always fits; of several, the path's extension must pick exactly one.
    /// </summary>
    public static string? FileTargetProblem(KlingOutput output, IReadOnlyList<string> extensions) =>
        output.IsFolder || Pick(output.Path, extensions) >= 0
            ? null
            : Describe(output.Path, extensions);

    /// <summary>
    /// Where each file goes. A folder takes every file, named <c>&lt;task id&gt;[-n].&lt;ext&gt;</c> (numbered per media
    /// when there are several of it); a file target takes the one file (see <see cref="KlingOutput.File"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A file target and files it cannot pick exactly one from.</exception>
    public static IReadOnlyList<PlannedFile> Plan(string taskId, IReadOnlyList<ResultFile> files, KlingOutput output, string parameterName)
    {
        if (!output.IsFolder)
        {
            var extensions = files.Select(ExtensionOf).ToArray();
            var picked = Pick(output.Path, extensions);
            if (picked < 0)
            {
                throw new ArgumentException($"Task '{taskId}' {Describe(output.Path, extensions)}", parameterName);
            }

            return [new PlannedFile(files[picked].Url, output.Path)];
        }

        var perMedia = new int[3];
        foreach (var file in files)
        {
            perMedia[(int)file.Media] = Math.Max(perMedia[(int)file.Media], file.Item + 1);
        }

        var stem = Path.Combine(output.Path, SafeName(taskId));
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plan = new PlannedFile[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var number = perMedia[(int)file.Media] > 1 ? FormattableString.Invariant($"-{file.Item + 1}") : string.Empty;
            var extension = ExtensionOf(file);
            var target = stem + number + extension;

            // Two links of one item in the same format (a url beside a url_mp3): neither may overwrite the other.
            for (var copy = 2; !used.Add(target); copy++)
            {
                target = stem + number + FormattableString.Invariant($"_{copy}") + extension;
            }

            plan[i] = new PlannedFile(file.Url, target);
        }

        return plan;
    }

    /// <summary>Checks the target against the disk: a file target must not be a folder, nor a folder target a file.</summary>
    /// <exception cref="ArgumentException">It is.</exception>
    public static void CheckOnDisk(KlingOutput output, string parameterName)
    {
        if (!output.IsFolder && Directory.Exists(output.Path))
        {
            throw new ArgumentException($"'{output.Path}' is an existing folder, so no file can be saved there: save into it with KlingOutput.Folder.", parameterName);
        }

        if (output.IsFolder && File.Exists(output.Path))
        {
            throw new ArgumentException($"'{output.Path}' is an existing file, so it cannot be the folder to save into: save to it with KlingOutput.File.", parameterName);
        }
    }

    /// <summary>The index of the one file a file target takes, or -1 when the path's extension picks none or several.</summary>
    private static int Pick(string path, IReadOnlyList<string> extensions)
    {
        if (extensions.Count == 1)
        {
            return 0;
        }

        var wanted = Family(Path.GetExtension(path));
        var picked = -1;
        for (var i = 0; i < extensions.Count; i++)
        {
            if (wanted != 0 && Family(extensions[i]) == wanted)
            {
                if (picked >= 0)
                {
                    return -1;
                }

                picked = i;
            }
        }

        return picked;
    }

    private static string Describe(string path, IReadOnlyList<string> extensions)
    {
        var own = Path.GetExtension(path);
        var matching = extensions.Count(extension => Family(own) != 0 && Family(extension) == Family(own));
        var why = own.Length == 0 ? "the path has no extension to pick one by"
            : matching == 0 ? $"none of them is a {own} file"
            : $"{matching} of them are {own} files";
        return $"saves {extensions.Count} files ({string.Join(", ", extensions)}), and a file target takes one: {why}. "
            + "Save them all with KlingOutput.Folder(path), or name the file after the one you want (e.g. .mp4 for the video, .mp3 or .wav for the audio).";
    }

    private static void AddItem(List<ResultFile> files, HashSet<Uri> urls, int[] counts, Media media, params (Uri? Url, string Extension)[] formats)
    {
        var added = false;
        foreach (var (url, extension) in formats)
        {
            // The same link listed twice (in videos[] and inside an audio item) is one file.
            if (url is not null && urls.Add(url))
            {
                files.Add(new ResultFile(url, media, counts[(int)media], extension));
                added = true;
            }
        }

        if (added)
        {
            counts[(int)media]++;
        }
    }

    /// <summary>The URL's own extension when it is a known media one (a JPEG stays .jpg), else the media's default.</summary>
    private static string ExtensionOf(ResultFile file)
    {
        var own = file.Url.IsAbsoluteUri ? Path.GetExtension(file.Url.AbsolutePath).ToLowerInvariant() : string.Empty;
        return Family(own) != 0 && Family(own) == Family(file.Extension) ? own : file.Extension;
    }

    private static int Family(string extension) => extension.ToLowerInvariant() switch
    {
        ".mp4" or ".mov" => 1,
        ".png" or ".jpg" or ".jpeg" or ".webp" => 2,
        ".mp3" => 3,
        ".wav" => 4,
        ".m4a" or ".aac" => 5,
        _ => 0,
    };

    /// <summary>A task id as a file name: ids are digits, but a compatible host could send anything.</summary>
    private static string SafeName(string taskId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(taskId.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return name.Length == 0 ? "task" : name;
    }
}
