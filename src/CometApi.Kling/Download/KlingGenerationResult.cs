namespace CometApi.Kling;

/// <summary>What <see cref="KlingClient.GenerateAsync"/> produced: the finished task and its files on disk.</summary>
public sealed class KlingGenerationResult
{
    /// <summary>Creates the result (also handy in tests).</summary>
    /// <param name="task">The succeeded task.</param>
    /// <param name="files">The full paths of the saved files, at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="files"/> is empty.</exception>
    public KlingGenerationResult(TaskResponse task, IReadOnlyList<string> files)
    {
        Task = task ?? throw new ArgumentNullException(nameof(task));
        Files = files ?? throw new ArgumentNullException(nameof(files));
        if (files.Count == 0)
        {
            throw new ArgumentException("At least one file is required.", nameof(files));
        }
    }

    /// <summary>The succeeded task (its result URLs expire; the files do not).</summary>
    public TaskResponse Task { get; }

    /// <summary>The full paths of every saved file, in the order the task listed them.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The first saved file (the video of a video task).</summary>
    public string FilePath => Files[0];

    /// <inheritdoc/>
    public override string ToString() => $"Task {Task.Data.TaskId} -> {string.Join(", ", Files)}";
}
