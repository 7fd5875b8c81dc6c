using System.Text.Json;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads the second shape CometAPI documents for an omni-video query (kling-catalogue §3.9): instead of the task,
/// <c>data</c> holds <c>{status: "SUCCESS" | "FAILURE" | …, progress, action, data: {the Kling task}}</c>. Applied to
/// every answer because it is recognisable without knowing the kind: a <c>data</c> with no <c>task_status</c> of its
/// own (the wrapper may carry a <c>task_id</c>). An ordinary answer passes through untouched (no copy, no parse).
/// </summary>
internal static class WrappedTaskAnswer
{
    /// <summary>The answer with the nested Kling task as its <c>data</c>, or the wrapper's status mapped when nothing is nested.</summary>
    public static TaskResponse Unwrap(TaskResponse response)
    {
        var data = response.Data;
        if (!string.IsNullOrEmpty(data.TaskStatus.ToString()) || data.AdditionalProperties is not { } extra)
        {
            return response;
        }

        if (extra.TryGetValue("data", out var nested) && nested.ValueKind == JsonValueKind.Object
            && (nested.TryGetProperty("task_id", out _) || nested.TryGetProperty("task_status", out _)))
        {
            var task = nested.Deserialize(KlingJsonContext.Default.TaskData);
            if (task is not null)
            {
                return response with { Data = task };
            }
        }

        if (extra.TryGetValue("status", out var status) && status.ValueKind == JsonValueKind.String)
        {
            // Only the two final values are documented; anything else is a task still running.
            var mapped = status.GetString() switch
            {
                "SUCCESS" => KlingTaskStatus.Succeeded,
                "FAILURE" => KlingTaskStatus.Failed,
                _ => KlingTaskStatus.Processing,
            };
            var taskId = extra.TryGetValue("task_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return response with { Data = data with { TaskStatus = mapped, TaskId = taskId ?? data.TaskId } };
        }

        return response;
    }
}
