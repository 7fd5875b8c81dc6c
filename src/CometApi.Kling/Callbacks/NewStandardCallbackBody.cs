using System.Text.Json;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// Maps the callback body of Kling's new-standard routes (<c>{id, status, message, create_time, update_time,
/// external_id, outputs[], billing[]}</c>) onto <see cref="TaskData"/>, the shape the rest of the SDK reads.
/// </summary>
/// <remarks>
/// <c>outputs</c> and <c>billing</c> are not mapped onto <see cref="TaskData.TaskResult"/>: the callback endpoint always
/// re-fetches the task, and their element shapes are documented only loosely. They are kept, with every other
/// unmapped field, in <see cref="TaskData.AdditionalProperties"/>.
/// </remarks>
internal static class NewStandardCallbackBody
{
    /// <summary>Whether <paramref name="task"/> is a new-standard body: an <c>id</c> and no legacy <c>task_id</c>.</summary>
    public static bool Matches(JsonElement task) =>
        !task.TryGetProperty("task_id", out _) && task.TryGetProperty("id", out _);

    /// <summary>Reads the task; throws <see cref="JsonException"/> for a field of the wrong type.</summary>
    public static TaskData Read(JsonElement task)
    {
        var body = task.Deserialize(KlingJsonContext.Default.NewStandardTaskObject)!;
        return new TaskData
        {
            TaskId = body.Id ?? string.Empty,
            TaskStatus = body.Status,
            TaskStatusMessage = body.Message,
            TaskInfo = body.ExternalId is null ? null : new TaskInfo { ExternalTaskId = body.ExternalId },
            CreatedAt = body.CreateTime,
            UpdatedAt = body.UpdateTime,
            AdditionalProperties = body.Other,
        };
    }
}
