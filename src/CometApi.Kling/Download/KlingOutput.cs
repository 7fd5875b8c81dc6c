namespace CometApi.Kling;

/// <summary>
/// Where <see cref="KlingClient.DownloadResultsAsync"/> and <see cref="KlingClient.GenerateAsync"/> save a task's
/// files: exactly one file (<see cref="File"/>) or a folder (<see cref="Folder"/>). What is on the disk never changes
/// the meaning: a file target that turns out to be a folder, or a result that does not fit one file, is refused
/// before anything is downloaded.
/// </summary>
public sealed class KlingOutput
{
    private KlingOutput(string path, bool isFolder, string parameterName)
    {
        if (path is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"A {(isFolder ? "folder" : "file")} path is required.", parameterName);
        }

        try
        {
            Path = System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' cannot be used as a path: {ex.Message}", parameterName, ex);
        }

        if (!isFolder && (EndsWithSeparator(path) || System.IO.Path.GetDirectoryName(Path) is null))
        {
            throw new ArgumentException($"'{path}' names a folder, not a file: use KlingOutput.Folder to save into it.", parameterName);
        }

        IsFolder = isFolder;
    }

    /// <summary>The full path of the file or folder (a relative path is resolved against the current directory when the target is made).</summary>
    public string Path { get; }

    /// <summary>Whether this is a folder target (<see cref="Folder"/>) rather than a file target (<see cref="File"/>).</summary>
    public bool IsFolder { get; }

    /// <summary>
    /// Saves the task's one file at exactly <paramref name="path"/> (e.g. <c>fox.mp4</c>), whatever its extension. When the
    /// result offers several files, the path's extension picks the one of that type (<c>rain.mp3</c> takes the MP3 of an
    /// audio offered as MP3 and WAV; <c>surf.mp4</c> the video of a video-to-audio task); a result it cannot pick exactly
    /// one from (three images, or no matching extension) is refused before anything is downloaded: use <see cref="Folder"/>.
    /// </summary>
    /// <param name="path">The file to write; missing directories are created, an existing file is replaced only when the download is complete.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, unusable, or ends with a directory separator.</exception>
    public static KlingOutput File(string path) => new(path, isFolder: false, nameof(path));

    /// <summary>
    /// Saves every file of the task in the folder <paramref name="path"/>, created if missing, named after the task:
    /// <c>&lt;task id&gt;.&lt;ext&gt;</c>, numbered when the result holds several videos, images or audios
    /// (<c>&lt;task id&gt;-1.png</c>, <c>-2.png</c>, …); an audio offered in several formats keeps one name per format
    /// (<c>&lt;task id&gt;.mp3</c>, <c>&lt;task id&gt;.wav</c>).
    /// </summary>
    /// <param name="path">The folder; a trailing separator is allowed.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or unusable.</exception>
    public static KlingOutput Folder(string path) => new(path, isFolder: true, nameof(path));

    /// <summary>Shows the target, e.g. <c>file /home/me/fox.mp4</c> or <c>folder /home/me/out</c>.</summary>
    /// <returns>The kind of target and its full path.</returns>
    public override string ToString() => (IsFolder ? "folder " : "file ") + Path;

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith(System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || path.EndsWith(System.IO.Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
}
