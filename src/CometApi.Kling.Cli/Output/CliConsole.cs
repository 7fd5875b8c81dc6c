using System.Globalization;
using Spectre.Console;

namespace CometApi.Kling.Cli.Output;

/// <summary>
/// Everything a command prints. Three styles: live Spectre displays on a terminal; plain lines when redirected (logs
/// and pipes get no escape codes or redraws); and with <c>--json</c> exactly one JSON document on stdout, with
/// nothing else there (banners and errors still go to stderr as text).
/// </summary>
internal sealed class CliConsole
{
    private readonly KlingCliEnvironment _environment;
    private IAnsiConsole? _ansi;

    public CliConsole(KlingCliEnvironment environment, bool json)
    {
        _environment = environment;
        Json = json;
    }

    public bool Json { get; }

    /// <summary>Live displays only on a terminal, and never with <c>--json</c>.</summary>
    public bool Live => _environment.IsInteractive && !Json;

    public TextWriter Out => _environment.Out;

    public TextWriter Error => _environment.Error;

    /// <summary>The Spectre console for live displays; it draws on stderr, so stdout holds only results.</summary>
    public IAnsiConsole Ansi => _ansi ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(_environment.Error),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
    });

    /// <summary>A human line on stdout; nothing with <c>--json</c>, where stdout is the document only.</summary>
    public void Info(string line)
    {
        if (!Json)
        {
            Out.WriteLine(line);
        }
    }

    /// <summary>A line on stderr, whatever the style: banners, hints and errors.</summary>
    public void Note(string line) => Error.WriteLine(line);

    /// <summary>The faces a lip-sync identified: every JSON document of the run carries them, success or failure.</summary>
    public KlingFaceIdentification? Session { get; set; }

    public void WriteJson(CliResult result)
    {
        Out.WriteLine(CliJsonWriter.Write(Session is null || result.Session is not null ? result : result with { Session = Session }));
        Out.Flush();
    }

    public void WriteJson(CliEmulatorInfo info)
    {
        Out.WriteLine(CliJsonWriter.Write(info));
        Out.Flush();
    }

    /// <summary>The task as a few human lines: id, status, reason, result URLs (videos, images, audio).</summary>
    /// <param name="task">The task.</param>
    /// <param name="statusShown">Whether a wait already printed the final status line, so it is not repeated.</param>
    public void DescribeTask(TaskResponse task, bool statusShown = false)
    {
        var data = task.Data;
        if (!statusShown || Live)
        {
            Info($"Task {data.TaskId}: {data.TaskStatus}");
        }

        if (data.TaskInfo?.ExternalTaskId is { Length: > 0 } externalId)
        {
            Info($"  external id: {externalId}");
        }

        if (!string.IsNullOrEmpty(data.TaskStatusMessage))
        {
            Info($"  reason: {data.TaskStatusMessage}");
        }

        if (data.CreatedAt != default)
        {
            Info($"  created: {data.CreatedAt.ToLocalTime().ToString("u", CultureInfo.InvariantCulture)}");
        }

        foreach (var video in data.TaskResult?.Videos ?? [])
        {
            Info($"  video: {video.Url} ({video.Duration} s; temporary link, download it soon)");
        }

        foreach (var image in data.TaskResult?.Images ?? [])
        {
            Info($"  image: {image.Url} (temporary link, download it soon)");
        }

        foreach (var audio in data.TaskResult?.Audios ?? [])
        {
            if (audio.VideoUrl is { } video)
            {
                // Video-to-audio as Kling's own client code reads it: the video with its new sound inside the audio item.
                Info($"  video: {video} (temporary link, download it soon)");
            }

            foreach (var url in new[] { audio.Url, audio.Mp3Url, audio.WavUrl }.OfType<Uri>())
            {
                Info($"  audio: {url} (temporary link, download it soon)");
            }
        }
    }
}
