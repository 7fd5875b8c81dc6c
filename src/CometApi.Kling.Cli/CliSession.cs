using System.Diagnostics;
using CometApi.Kling.Cli.Output;
using Spectre.Console;

namespace CometApi.Kling.Cli;

/// <summary>
/// One run of a command: its console, its connection (opened on first use), and the shared ways to wait, download
/// and turn exceptions into messages and exit codes, so every command reports alike.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private readonly KlingCliEnvironment _environment;
    private readonly CliGlobalOptions _options;
    private CliConnection? _connection;

    public CliSession(KlingCliEnvironment environment, CliGlobalOptions options)
    {
        _environment = environment;
        _options = options;
        Console = new CliConsole(environment, options.Json);
    }

    public CliConsole Console { get; }

    public CliConnection Connection => _connection ??= CliConnection.Open(_options, _environment, Console);

    public KlingClient Client => Connection.Client;

    /// <summary>Options for an emulator this command starts.</summary>
    public Testing.KlingEmulatorOptions EmulatorOptions() => _environment.CreateEmulatorOptions();

    /// <summary>The host named by the global <c>--host</c> (CometAPI without it).</summary>
    public KlingHost Host => _options.Host;

    /// <summary>The command that picks up the wait for the task with the same kind and connection options.</summary>
    public string ResumeCommand(KlingTaskKind kind, string taskId) => $"kling status {taskId} --wait{Commands.KindOption.Arguments(kind)}{_connection?.ResumeArguments}";

    /// <summary>The command that saves the task's result, with the same kind and connection options.</summary>
    public string SaveCommand(KlingTaskKind kind, string taskId, string output) =>
        $"kling download {taskId} {output}{Commands.KindOption.Arguments(kind)}{_connection?.ResumeArguments}";

    /// <summary>Waits for the task to end, with a live spinner on a terminal or a line per status change otherwise.</summary>
    public async Task<TaskResponse> WaitAsync(TaskResponse current, CancellationToken cancellationToken)
    {
        var taskId = current.Data.TaskId;
        var status = current.Data.TaskStatus;
        var options = new KlingWaitOptions();
        _environment.ConfigureWait?.Invoke(options);
        if (!Console.Live)
        {
            Console.Note($"Waiting for task {taskId} (Ctrl+C stops waiting; the task goes on).");
            options.Progress = new SynchronousProgress<TaskResponse>(update =>
            {
                if (update.Data.TaskStatus != status)
                {
                    status = update.Data.TaskStatus;
                    Console.Info($"Task {taskId}: {status}");
                }
            });
            return await Client.WaitForCompletionAsync(current, options, cancellationToken).ConfigureAwait(false);
        }

        Console.Note($"Waiting for task {taskId} (Ctrl+C stops waiting; the task goes on).");
        var latest = status.ToString();
        options.Progress = new SynchronousProgress<TaskResponse>(update => Volatile.Write(ref latest, update.Data.TaskStatus.ToString()));
        var started = Stopwatch.GetTimestamp();
        return await Console.Ansi.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync($"Task {taskId}: {latest}", async context =>
            {
                var wait = Client.WaitForCompletionAsync(current, options, cancellationToken);
                var shown = latest;
                while (!wait.IsCompleted)
                {
                    var now = Volatile.Read(ref latest);
                    if (now != shown)
                    {
                        // Keep a line per change above the spinner, so the history stays on screen.
                        Console.Ansi.MarkupLineInterpolated($"Task {taskId}: [bold]{now}[/]");
                        shown = now;
                    }

                    var elapsed = Stopwatch.GetElapsedTime(started);
                    context.Status($"Task {Markup.Escape(taskId)}: [bold]{Markup.Escape(now)}[/] ({elapsed:m\\:ss})");

                    // Redraw the clock; the wait itself ends (or throws on cancellation) on its own.
                    await Task.WhenAny(wait, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None)).ConfigureAwait(false);
                }

                return await wait.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Downloads the task's files (see <see cref="KlingClient.DownloadResultsAsync"/>), with a progress bar per file on a terminal; returns their full paths.</summary>
    public async Task<IReadOnlyList<string>> DownloadAsync(TaskResponse task, KlingOutput output, CancellationToken cancellationToken)
    {
        if (!Console.Live)
        {
            return await Client.DownloadResultsAsync(task, output, progress: null, cancellationToken).ConfigureAwait(false);
        }

        return await Console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                // The client says which file of how many each report is about, and where it goes: one bar per file.
                var bars = new DownloadBars(context);
                var saved = await Client.DownloadResultsAsync(task, output, new SynchronousProgress<KlingDownloadProgress>(bars.Report), cancellationToken).ConfigureAwait(false);
                bars.Finish($"task {task.Data.TaskId}");
                return saved;
            }).ConfigureAwait(false);
    }

    /// <summary>Reports saved files: a line each, and with <c>--json</c> the document with the task and the (first) file.</summary>
    public void Saved(TaskResponse task, IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            Console.Info($"Saved {file} ({new FileInfo(file).Length:N0} bytes)");
        }

        if (Console.Json)
        {
            Console.WriteJson(new CliResult { Task = task.Data, RequestId = task.RequestId, File = files.Count > 0 ? files[0] : null, Files = files });
        }
    }

    /// <summary>Whether <see cref="Fail"/> reports this exception; anything else is a bug and is left to crash loudly.</summary>
    public static bool Handles(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => cancellationToken.IsCancellationRequested,
        KlingValidationException or KlingCliUsageException or ArgumentException or KlingApiException or KlingWaitTimeoutException => true,
        KlingException or HttpRequestException or IOException or UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>Prints why the command failed (text on stderr, and the JSON document with <c>--json</c>) and gives the exit code.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="task">
    /// The task concerned as the service last returned it, if it did: its id is printed so work can be resumed, and
    /// with <c>--json</c> it is the document's <c>task</c>. Never a stand-in built from an id alone.
    /// </param>
    /// <param name="cancellationToken">The command's token, to tell Ctrl+C from a timeout.</param>
    /// <param name="kind">The kind of the task concerned when the service returned none (e.g. <c>kling status &lt;id&gt; --kind ...</c>).</param>
    /// <param name="taskId">The id of the task concerned when the service returned none (e.g. <c>kling status &lt;id&gt;</c>).</param>
    public int Fail(Exception exception, TaskResponse? task, CancellationToken cancellationToken, KlingTaskKind kind = default, string? taskId = null)
    {
        // Any SDK error about a task carries it: the state it last reported (newer than the caller's copy) and its handle.
        var concerning = exception as KlingException;
        task = concerning?.LastKnownTask ?? task;
        taskId = task?.Data.TaskId ?? concerning?.Task?.TaskId ?? taskId;
        kind = task is { Data.Kind.IsUnspecified: false } ? task.Data.Kind : concerning?.Task?.Kind ?? kind;
        CliError error;
        int exitCode;
        switch (exception)
        {
            case KlingValidationException validation:
                Console.Note("The request was not sent, because:");
                foreach (var problem in validation.Errors)
                {
                    Console.Note($"  - {problem.Path}: {problem.Message}");
                }

                error = new CliError
                {
                    Kind = "validation",
                    Message = validation.Message,
                    Errors = validation.Errors.Select(problem => new CliValidationProblem(problem.Path, problem.Message)).ToArray(),
                };
                exitCode = ExitCodes.Usage;
                break;

            case KlingCliUsageException or ArgumentException:
                Console.Note($"error: {exception.Message}");
                if (exception is ArgumentException { ParamName: "output" } && task?.Data.TaskStatus == KlingTaskStatus.Succeeded)
                {
                    // The task is done and paid for; only the target did not fit its files.
                    Console.Note($"Nothing was saved. Save the task's files into a folder with `{SaveCommand(kind, task.Data.TaskId, "-o <folder>/")}`.");
                }

                error = new CliError { Kind = "usage", Message = exception.Message };
                exitCode = ExitCodes.Usage;
                break;

            case KlingApiException api:
                Console.Note($"error: {api.Message}");
                Console.Note($"  code: {api.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} (HTTP {(int)api.StatusCode})");
                Console.Note($"  message: {api.ServerMessage ?? "(none)"}");
                Console.Note($"  request id: {api.RequestId ?? "(none)"}");
                if (api.StatusCode == System.Net.HttpStatusCode.NotFound && task is null && taskId is not null && !kind.IsUnspecified)
                {
                    // Kling finds a task only under its own kind's route, and status/download default to image2video.
                    var others = string.Join(", ", KlingTaskKind.Known.Where(other => other != kind).Select(other => other.Name));
                    Console.Note($"  A task is found only under its own kind; this looked for a {kind.Name} task. If it is another kind, add --kind <kind>: {others}.");
                }

                error = new CliError
                {
                    Kind = "api",
                    Message = api.Message,
                    Code = api.Code,
                    Status = (int)api.StatusCode,
                    RequestId = api.RequestId,
                };
                exitCode = ExitCodes.Failure;
                break;

            case KlingWaitTimeoutException timeout:
                taskId ??= string.Empty;
                Console.Note($"error: {timeout.Message}");
                Console.Note($"Resume with: {ResumeCommand(kind, taskId)}");
                error = new CliError { Kind = "timeout", Message = timeout.Message, Resume = ResumeCommand(kind, taskId) };
                exitCode = ExitCodes.Failure;
                break;

            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                exitCode = ExitCodes.Canceled;
                if (taskId is null)
                {
                    Console.Note("Canceled.");
                    error = new CliError { Kind = "canceled", Message = "Canceled." };
                    break;
                }

                Console.Note($"Stopped waiting for task {taskId}; the task goes on.");
                Console.Note($"Resume with: {ResumeCommand(kind, taskId)}");
                if (_connection?.IsInProcessEmulator == true)
                {
                    Console.Note("(This task lived in the built-in emulator of this command and ended with it: run `kling emulator` and pass its --base-address and --api-key to resume across commands.)");
                }

                error = new CliError { Kind = "canceled", Message = $"Stopped waiting for task {taskId}; the task goes on.", Resume = ResumeCommand(kind, taskId) };
                break;

            case KlingTaskFailedException failed:
                var reason = failed.LastKnownTask?.Data.TaskStatusMessage;
                Console.Note($"Task {taskId} failed: {reason}");
                error = new CliError { Kind = "task_failed", Message = reason ?? "The task failed." };
                exitCode = ExitCodes.Failure;
                break;

            case KlingDownloadException download:
                Console.Note($"error: {download.Message}");
                if (taskId is not null)
                {
                    Console.Note($"The file that failed was not saved (nothing partial is left). The task keeps its result for a while: try again with `{SaveCommand(kind, taskId, "-o <file|folder>")}`.");
                }

                error = new CliError { Kind = "download", Message = download.Message, Status = (int?)download.StatusCode };
                exitCode = ExitCodes.Failure;
                break;

            case KlingException or HttpRequestException or IOException or UnauthorizedAccessException:
                Console.Note($"error: {exception.Message}");
                error = new CliError { Kind = exception is KlingConnectionException or HttpRequestException ? "connection" : "error", Message = exception.Message };
                exitCode = ExitCodes.Failure;
                break;

            default:
                throw new UnreachableException("Unexpected exception reached the CLI's error handler.", exception);
        }

        if (Console.Json)
        {
            Console.WriteJson(new CliResult { Task = task?.Data, RequestId = task?.RequestId, Error = error });
        }

        return exitCode;
    }

    public void Dispose() => _connection?.Dispose();
}
