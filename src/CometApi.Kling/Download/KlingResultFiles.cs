namespace CometApi.Kling.Download;

/// <summary>
/// The files a succeeded task offers, whatever its kind (every video, every image, each audio in each format), and
/// where each is saved: one file at the path given, or several named after the task (or the path's stem) in one folder.
/// </summary>
internal static class KlingResultFiles
{
    /// <summary>One downloadable file: its URL, the result item it belongs to (0-based) and its file extension.</summary>
    internal readonly record struct ResultFile(Uri Url, int Item, string Extension);

    /// <summary>Every file of the task's result, in the order the service listed them.</summary>
    public static IReadOnlyList<ResultFile> Of(TaskData task)
    {
        var files = new List<ResultFile>();
        var result = task.TaskResult;
        if (result is null)
        {
            return files;
        }

        var item = 0;
        foreach (var video in result.Videos)
        {
            Add(files, video?.Url, item++, ".mp4");
        }

        foreach (var image in result.Images)
        {
            Add(files, image?.Url, item++, ".png");
        }

        foreach (var audio in result.Audios)
        {
            if (audio is null)
            {
                continue;
            }

            // Each format the service offers is saved: a user asked for the audio, not for one encoding of it.
            Add(files, audio.UrlMp3, item, ".mp3");
            Add(files, audio.UrlWav, item, ".wav");
            Add(files, audio.Url, item, ".mp3");
            item++;
        }

        return files;
    }

    /// <summary>
    /// Where each file goes. <paramref name="path"/> is a folder when it exists as one or ends with a separator: files are
    /// named after the task there. Otherwise a single file is saved at <paramref name="path"/> itself, and several beside
    /// it, named after its stem (<c>out.png</c> → <c>out-1.png</c>, <c>out-2.png</c>; one audio in two formats →
    /// <c>out.mp3</c>, <c>out.wav</c>).
    /// </summary>
    public static string[] Plan(string taskId, IReadOnlyList<ResultFile> files, string path)
    {
        var folder = Directory.Exists(path) || path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            || path.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
        var full = Path.GetFullPath(path);
        if (!folder && files.Count == 1)
        {
            return [full];
        }

        var items = files.Count == 0 ? 0 : files.Max(file => file.Item) + 1;
        var stem = folder ? Path.Combine(full, SafeName(taskId)) : Path.Combine(Path.GetDirectoryName(full) ?? full, Path.GetFileNameWithoutExtension(full));
        var ownExtension = folder ? null : Path.GetExtension(full);
        var plan = new string[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var number = items > 1 ? FormattableString.Invariant($"-{file.Item + 1}") : string.Empty;

            // The user's extension is kept when the file is of that type (out.png for images), else the media's own.
            var extension = ownExtension is { Length: > 0 } && SameFamily(ownExtension, file.Extension) ? ownExtension : ExtensionOf(file);
            plan[i] = stem + number + extension;
        }

        return plan;
    }

    private static void Add(List<ResultFile> files, Uri? url, int item, string defaultExtension)
    {
        if (url is not null)
        {
            files.Add(new ResultFile(url, item, defaultExtension));
        }
    }

    /// <summary>The URL's own extension when it is a known media one (a JPEG stays .jpg), else the media's default.</summary>
    private static string ExtensionOf(ResultFile file)
    {
        var own = file.Url.IsAbsoluteUri ? Path.GetExtension(file.Url.AbsolutePath).ToLowerInvariant() : string.Empty;
        return own is ".mp4" or ".mov" or ".png" or ".jpg" or ".jpeg" or ".webp" or ".mp3" or ".wav" or ".m4a" or ".aac" && SameFamily(own, file.Extension)
            ? own
            : file.Extension;
    }

    private static bool SameFamily(string extension, string mediaDefault) => Family(extension) == Family(mediaDefault);

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
