using System.CommandLine;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling download &lt;task-id&gt; -o &lt;file&gt;</c>: save the video of a succeeded task (a fresh link is fetched first).</summary>
internal static class DownloadCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var taskIdArgument = new Argument<string>("task-id") { Description = "The id of a succeeded task." };
        var output = new Option<string>("--output", "-o") { Description = "Where to save the video (a folder saves <task-id>.mp4 in it).", Required = true };
        var command = new Command("download", "Save the video of a succeeded task.") { taskIdArgument, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            var taskId = parse.GetRequiredValue(taskIdArgument);
            TaskResponse? task = null;
            try
            {
                // Always query first: result links are temporary, and the task holds the current one.
                task = await session.Client.GetTaskAsync(KlingTaskKind.ImageToVideo, taskId, cancellationToken).ConfigureAwait(false);
                if (task.Data.TaskStatus == KlingTaskStatus.Failed)
                {
                    throw new KlingTaskFailedException($"Task {taskId} failed: {task.Data.TaskStatusMessage}", task);
                }

                if (task.Data.TaskStatus != KlingTaskStatus.Succeed)
                {
                    throw new KlingCliUsageException(
                        $"Task {taskId} is {task.Data.TaskStatus}: there is no video yet. Wait for it with `{session.ResumeCommand(taskId)}`, then download it.");
                }

                var path = (await session.DownloadAsync(task, ImageToVideoCommand.OutputPath(parse.GetRequiredValue(output), taskId), cancellationToken)
                    .ConfigureAwait(false))[0];
                session.Console.Info($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
                if (session.Console.Json)
                {
                    session.Console.WriteJson(new CliResult { Task = task.Data, RequestId = task.RequestId, File = path });
                }

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
