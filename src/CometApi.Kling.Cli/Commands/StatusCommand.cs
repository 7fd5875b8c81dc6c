using System.CommandLine;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling status &lt;task-id&gt; [--wait] [--kind]</c>: show a task, or wait for it to end (also resumes an interrupted wait).</summary>
internal static class StatusCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var taskIdArgument = new Argument<string>("task-id") { Description = "The task id printed when the task was created." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the task succeeds or fails (exit code 1 if it failed)." };
        var kindOption = KindOption.Create();
        var command = new Command("status", "Show a task's status and result links, or wait for it to end.") { taskIdArgument, wait, kindOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = openSession(parse);
            var taskId = parse.GetRequiredValue(taskIdArgument);
            var kind = KindOption.Read(parse, kindOption);
            TaskResponse? task = null;
            try
            {
                task = await session.Client.GetTaskAsync(kind, taskId, cancellationToken).ConfigureAwait(false);
                var waited = parse.GetValue(wait) && !task.Data.TaskStatus.IsTerminal;
                if (waited)
                {
                    session.Console.Info($"Task {taskId}: {task.Data.TaskStatus}");
                    task = await session.WaitAsync(task, cancellationToken).ConfigureAwait(false);
                }

                session.Console.DescribeTask(task, statusShown: waited);
                var failed = parse.GetValue(wait) && task.Data.TaskStatus == KlingTaskStatus.Failed;
                if (session.Console.Json)
                {
                    session.Console.WriteJson(new CliResult
                    {
                        Task = task.Data,
                        RequestId = task.RequestId,
                        Error = failed ? new CliError { Kind = "task_failed", Message = task.Data.TaskStatusMessage ?? "The task failed." } : null,
                    });
                }

                if (task.Data.TaskStatus == KlingTaskStatus.Succeeded)
                {
                    session.Console.Note($"Save the result with: {session.SaveCommand(kind, taskId, "-o .")}");
                }

                // A failed task is the answer to `status` (exit 0); waiting for a result that failed is a failure.
                return failed ? ExitCodes.Failure : ExitCodes.Success;
            }
            catch (Exception ex) when (CliSession.Handles(ex, cancellationToken))
            {
                // The id goes apart from the task: a task made up from it would be printed as if the service had
                // returned one (with an empty status) beside, say, a 404 for that very id.
                return session.Fail(ex, task, cancellationToken, kind, taskId);
            }
        });
        return command;
    }
}
