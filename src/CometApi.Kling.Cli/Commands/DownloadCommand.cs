using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling download &lt;task-id&gt; -o &lt;file|folder&gt; [--kind]</c>: save the files of a succeeded task (a fresh link is fetched first).</summary>
internal static class DownloadCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var taskIdArgument = new Argument<string>("task-id") { Description = "The id of a succeeded task." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to save: a file (its extension picks one of several files), or a folder (ends with /, or exists) for <task-id>[-n].<ext>.",
            Required = true,
        };
        var kindOption = KindOption.Create();
        var command = new Command("download", "Save the result of a succeeded task.") { taskIdArgument, output, kindOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            var taskId = parse.GetRequiredValue(taskIdArgument);
            var kind = KindOption.Read(parse, kindOption);
            TaskResponse? task = null;
            try
            {
                var target = CliOutput.Parse(parse.GetRequiredValue(output));

                // Always query first: result links are temporary, and the task holds the current one.
                task = await session.Client.GetTaskAsync(kind, taskId, cancellationToken).ConfigureAwait(false);
                if (task.Data.TaskStatus == KlingTaskStatus.Failed)
                {
                    throw KlingModelFactory.KlingTaskFailedException(task, $"Task {taskId} failed: {task.Data.TaskStatusMessage}");
                }

                if (task.Data.TaskStatus != KlingTaskStatus.Succeeded)
                {
                    throw new KlingCliUsageException(
                        $"Task {taskId} is {task.Data.TaskStatus}: there is no result yet. Wait for it with `{session.ResumeCommand(kind, taskId)}`, then download it.");
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
