namespace CometApi.Kling;

/// <summary>What <see cref="KlingClient.GenerateVideoAsync"/> produced: the finished task and the video file on disk.</summary>
public sealed class KlingVideoResult
{
    /// <summary>Creates the result (also handy for mocks).</summary>
    /// <param name="task">The task in its succeeded state.</param>
    /// <param name="filePath">The full path of the downloaded video.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public KlingVideoResult(TaskResponse task, string filePath)
    {
        Task = task ?? throw new ArgumentNullException(nameof(task));
        FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
    }

    /// <summary>The task in its succeeded state (ids, video metadata, units charged).</summary>
    public TaskResponse Task { get; }

    /// <summary>The full path of the downloaded video.</summary>
    public string FilePath { get; }

    /// <summary>Shows the task id and the file.</summary>
    public override string ToString() => $"Task {Task.Data.TaskId} -> {FilePath}";
}
