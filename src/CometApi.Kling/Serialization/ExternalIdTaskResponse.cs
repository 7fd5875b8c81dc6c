using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The answer to a query by <c>external_task_id</c>. Neither Kling nor CometAPI says whether <c>data</c> is one task
/// or a list (the query-string form shares its path with the list endpoint), so both are read, and the task whose
/// external id matches is picked: a server that ignored the parameter must not hand back someone else's task.
/// </summary>
internal sealed record ExternalIdTaskResponse : WireEnvelope, IKlingEnvelope
{
    [JsonPropertyName("data")]
    public JsonElement Data { get; init; }

    bool IKlingEnvelope.HasData => Data.ValueKind == JsonValueKind.Array
        || (Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("task_id", out _));

    public TaskResponse ToTaskResponse(string externalTaskId, string operation)
    {
        TaskData? task;
        if (Data.ValueKind == JsonValueKind.Array)
        {
            var tasks = Data.Deserialize(KlingJsonContext.Default.IReadOnlyListTaskData) ?? [];
            task = tasks.FirstOrDefault(candidate => string.Equals(candidate.TaskInfo?.ExternalTaskId, externalTaskId, StringComparison.Ordinal));
            if (task is null)
            {
                throw tasks.Count == 0
                    ? new KlingApiException(
                        $"{operation} found no task with that external id (reported as HTTP 404, like an unknown task id). Request id: {RequestId ?? "none"}.",
                        HttpStatusCode.NotFound,
                        requestId: RequestId) { IsNoSuchTask = true }
                    : Mismatch(operation, $"a list of {tasks.Count} task(s) none of which has that external id");
            }
        }
        else
        {
            task = Data.Deserialize(KlingJsonContext.Default.TaskData)!;
            var echoed = task.TaskInfo?.ExternalTaskId;
            if (!string.IsNullOrEmpty(echoed) && !string.Equals(echoed, externalTaskId, StringComparison.Ordinal))
            {
                throw Mismatch(operation, $"task '{task.TaskId}' whose external id is '{echoed}'");
            }
        }

        return new TaskResponse { Code = Code, Message = Message, RequestId = RequestId, Data = task };
    }

    private KlingApiException Mismatch(string operation, string what) => new(
        $"{operation} was answered with {what}. The host probably ignores external_task_id (CometAPI does not document "
        + $"querying by it); use the task id instead. Request id: {RequestId ?? "none"}.",
        HttpStatusCode.OK,
        requestId: RequestId);
}
