using System.CommandLine;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// What every create command shares, whatever the kind: <c>-o</c> and <c>--no-wait</c>, the common options of
/// <see cref="TaskOptions{TRequest}"/> applied to the request, and create → wait (live status on a terminal) → download
/// (progress bar), with the same output, JSON document, exit codes and resume hints. A kind's command brings only its
/// options (the common ones it takes, and its own), how its own make its request, and its client call.
/// </summary>
internal static class TaskCommand
{
    /// <summary>A create command for one kind.</summary>
    /// <typeparam name="TRequest">The kind's request.</typeparam>
    /// <param name="name">The command's name, e.g. <c>text2video</c>.</param>
    /// <param name="description">One line for <c>kling --help</c>.</param>
    /// <param name="openSession">Opens the run's session (global options, console, connection).</param>
    /// <param name="options">The kind's options, in help order; the common ones are set on the request after <paramref name="readRequest"/>.</param>
    /// <param name="readRequest">Reads the kind's own options into the request (a <see cref="KlingCliUsageException"/> for an unusable value).</param>
    /// <param name="createAsync">The client call that creates a task of this kind.</param>
    public static Command Create<TRequest>(
        string name,
        string description,
        Func<ParseResult, CliSession> openSession,
        TaskOptions<TRequest> options,
        Func<ParseResult, TRequest> readRequest,
        Func<KlingClient, TRequest, CancellationToken, Task<TaskResponse>> createAsync)
        where TRequest : KlingTaskRequest =>
        CreateInSession(name, description, openSession, options, readRequest, (session, request, cancellationToken) => createAsync(session.Client, request, cancellationToken));

    /// <summary>
    /// As <see cref="Create"/>, for a kind whose create needs the session first (lip-sync identifies the faces, prints
    /// them and puts the session in the <c>--json</c> document before creating the task).
    /// </summary>
    /// <typeparam name="TRequest">What the options make: the kind's request, or a plan that leads to it.</typeparam>
    /// <param name="name">The command's name, e.g. <c>lip-sync</c>.</param>
    /// <param name="description">One line for <c>kling --help</c>.</param>
    /// <param name="openSession">Opens the run's session (global options, console, connection).</param>
    /// <param name="options">The kind's options, in help order; the common ones are set on what <paramref name="readRequest"/> made.</param>
    /// <param name="readRequest">Reads the kind's own options (a <see cref="KlingCliUsageException"/> for an unusable value).</param>
    /// <param name="createAsync">Creates a task of this kind in the run's session.</param>
    public static Command CreateInSession<TRequest>(
        string name,
        string description,
        Func<ParseResult, CliSession> openSession,
        TaskOptions<TRequest> options,
        Func<ParseResult, TRequest> readRequest,
        Func<CliSession, TRequest, CancellationToken, Task<TaskResponse>> createAsync)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to save: a file (its extension picks one of several files), or a folder (ends with /, or exists) for <task-id>[-n].<ext> (default: the current folder).",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Only create the task and print its id; follow it with `kling status <id> --wait`." };

        var command = new Command(name, description);
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(output);
        command.Options.Add(noWait);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            TaskResponse? task = null;
            try
            {
                var request = readRequest(parse);
                options.Apply(parse, request);
                var target = CliOutput.Parse(parse.GetValue(output));
                CliOutput.CheckFits(request, target);
                task = await createAsync(session, request, cancellationToken).ConfigureAwait(false);
                var taskId = task.Data.TaskId;
                session.Console.Info($"Task {taskId} created: {task.Data.TaskStatus}");
                if (parse.GetValue(noWait))
                {
                    session.Console.Note($"Follow it with: {session.ResumeCommand(task.Data.Kind, taskId)}");
                    if (session.Console.Json)
                    {
                        session.Console.WriteJson(new CliResult { Task = task.Data, RequestId = task.RequestId });
                    }

                    return ExitCodes.Success;
                }

                task = await session.WaitAsync(task, cancellationToken).ConfigureAwait(false);
                if (task.Data.TaskStatus != KlingTaskStatus.Succeeded)
                {
                    session.Console.DescribeTask(task, statusShown: true);
                    throw KlingModelFactory.KlingTaskFailedException(task, $"Task {taskId} failed: {task.Data.TaskStatusMessage}");
                }

                var files = await session.DownloadAsync(task, target, cancellationToken).ConfigureAwait(false);
                session.Saved(task, files);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (CliSession.Handles(ex, cancellationToken))
            {
                return session.Fail(ex, task, cancellationToken);
            }
        });
        return command;
    }
}
