using Spectre.Console;

namespace CometApi.Kling.Cli;

/// <summary>
/// The download progress of a task's files on a terminal: one bar per file, named after the file it saves ("file 2 of
/// 3" when there are several), each started when the client reports a new file and completed when the next one starts.
/// </summary>
internal sealed class DownloadBars(ProgressContext context)
{
    private ProgressTask? _bar;
    private int _file;

    public void Report(KlingDownloadProgress update)
    {
        if (_bar is null || update.FileIndex != _file)
        {
            Complete();
            _file = update.FileIndex;
            var name = update.FilePath is { } path ? Path.GetFileName(path) : "the result";
            _bar = context.AddTask(
                Markup.Escape(update.FileCount > 1 ? $"Downloading {name}, file {update.FileIndex} of {update.FileCount}" : $"Downloading {name}"), maxValue: 1);
            _bar.IsIndeterminate = true;
        }

        if (update.TotalBytes is > 0 and var total)
        {
            _bar.IsIndeterminate = false;
            _bar.MaxValue = total;
        }

        _bar.Value = update.BytesReceived;
    }

    /// <summary>Completes the last bar (and shows one, done, when nothing was reported).</summary>
    /// <param name="name">What the bar names when nothing was reported, e.g. the task.</param>
    public void Finish(string name)
    {
        _bar ??= context.AddTask(Markup.Escape($"Downloading {name}"), maxValue: 1);
        Complete();
    }

    private void Complete()
    {
        if (_bar is { } bar)
        {
            bar.IsIndeterminate = false;
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }
}
