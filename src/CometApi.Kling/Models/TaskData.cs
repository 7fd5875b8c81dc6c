using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A Kling task: its id, status, result and timestamps (<c>data</c> of a response, or a callback body).</summary>
public sealed record TaskData
{
    private readonly string _taskId = string.Empty;
    private KlingTaskKind _kind;

    /// <summary>The service's task id (<c>task_id</c>), an 18-digit number kept as a string; never null.</summary>
    [JsonPropertyName("task_id")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string TaskId
    {
        get => _taskId;

        // The source-generated reader passes null for a missing field; keep the promise of a non-null id.
        init => _taskId = value ?? string.Empty;
    }

    /// <summary>
    /// What kind of task this is (e.g. <see cref="KlingTaskKind.TextToVideo"/>). Not a Kling field: the client sets it from
    /// the route it asked, so waiting, downloading and callbacks need not be told; unspecified in a parsed callback body.
    /// Written as <c>"kind"</c> by <c>KlingJson</c> so a stored task keeps it.
    /// </summary>
    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public KlingTaskKind Kind
    {
        get => _kind;
        init => _kind = value;
    }

    /// <summary>Where the task is in its life (<c>task_status</c>); unknown values are kept.</summary>
    [JsonPropertyName("task_status")]
    public KlingTaskStatus TaskStatus { get; init; }

    /// <summary>Why the task failed, e.g. content risk control (<c>task_status_msg</c>).</summary>
    [JsonPropertyName("task_status_msg")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? TaskStatusMessage { get; init; }

    /// <summary>What the task was created with, such as your external id (<c>task_info</c>).</summary>
    [JsonPropertyName("task_info")]
    public TaskInfo? TaskInfo { get; init; }

    /// <summary>The videos, images or audio once the task succeeded (<c>task_result</c>); empty while it runs.</summary>
    [JsonPropertyName("task_result")]
    public TaskResult? TaskResult { get; init; }

    /// <summary>Whether a watermarked copy was requested (<c>watermark_info</c>).</summary>
    [JsonPropertyName("watermark_info")]
    public KlingWatermarkInfo? WatermarkInfo { get; init; }

    /// <summary>The units charged for the task, as the service wrote them (<c>final_unit_deduction</c>).</summary>
    [JsonPropertyName("final_unit_deduction")]
    [JsonConverter(typeof(LenientStringJsonConverter))]
    public string? FinalUnitDeduction { get; init; }

    /// <summary>When the task was created (<c>created_at</c>, Unix milliseconds on the wire).</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the task last changed (<c>updated_at</c>, Unix milliseconds on the wire).</summary>
    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(UnixMillisecondsJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Fields this SDK does not know yet, kept as they arrived.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// Sets the kind of a task the client has just read and not yet handed out (no copy of the record per answer);
    /// anything a caller already holds is never changed this way.
    /// </summary>
    internal void AssignKind(KlingTaskKind kind) => _kind = kind;
}
