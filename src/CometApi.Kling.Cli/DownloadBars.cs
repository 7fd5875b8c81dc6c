using Spectre.Console;

namespace CometApi.Kling.Cli;

/// <summary>
/// The download progress of a task's files on a terminal: one bar per file ("file 2 of 3" when there are several), each
/// started when the previous one is complete. The client reports each file's bytes from zero, so a new file is seen
/// as the first report after the previous file reached its announced size (or, with no size announced, as a count
/// that went back down).
/// </summary>
internal sealed class DownloadBars(ProgressContext context, string name, int fileCount)
{
    private ProgressTask? _bar;
    private int _file;
    private long _last;

    public void Report(KlingDownloadProgress update)
    {
        if (_bar is null || StartsNewFile(update))
        {
            Complete();
            _file++;
            _bar = context.AddTask(Markup.Escape(fileCount > 1 ? $"Downloading {name}, file {_file} of {fileCount}" : $"Downloading {name}"), maxValue: 1);
            _bar.IsIndeterminate = true;
        }

        if (update.TotalBytes is > 0 and var total)
        {
            _bar.IsIndeterminate = false;
            _bar.MaxValue = total;
        }

        _bar.Value = update.BytesReceived;
        _last = update.BytesReceived;
    }

    /// <summary>Completes the last bar (and shows one, done, when nothing was reported, e.g. an empty file).</summary>
    public void Finish()
    {
        if (_bar is null)
        {
            _bar = context.AddTask(Markup.Escape($"Downloading {name}"), maxValue: 1);
        }

        Complete();
    }

    private bool StartsNewFile(KlingDownloadProgress update) =>
        _bar is { IsIndeterminate: false } bar && _last >= bar.MaxValue
            ? true
            : update.BytesReceived < _last && update.TotalBytes is null;

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
