using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Cli.Output;

/// <summary>
/// Writes the <c>--json</c> document with <see cref="Utf8JsonWriter"/>. The SDK's source-generated serializer context
/// is internal, and a context here cannot reuse the SDK's internal converters (SYSLIB1220), so the task is written by
/// hand in the wire's own shape (snake_case names, Unix-millisecond times, string durations), fields the SDK does not
/// know included: what `kling status --json` prints reads like the API's <c>data</c>.
/// </summary>
internal static class CliJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Write(CliResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (result.Task is { } task)
            {
                writer.WritePropertyName("task");
                WriteTask(writer, task);
            }

            WriteIfPresent(writer, "request_id", result.RequestId);
            WriteIfPresent(writer, "file", result.File);
            if (result.Error is { } error)
            {
                writer.WritePropertyName("error");
                WriteError(writer, error);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Write(CliEmulatorInfo info)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("base_address", info.BaseAddress.ToString());
            writer.WriteString("api_key", info.ApiKey);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteTask(Utf8JsonWriter writer, TaskData task)
    {
        writer.WriteStartObject();
        writer.WriteString("task_id", task.TaskId);
        writer.WriteString("task_status", task.TaskStatus.ToString());
        if (!task.Kind.IsUnspecified)
        {
            writer.WriteString("kind", task.Kind.Route);
        }

        WriteIfPresent(writer, "task_status_msg", task.TaskStatusMessage);
        if (task.TaskInfo is { } info)
        {
            writer.WriteStartObject("task_info");
            WriteIfPresent(writer, "external_task_id", info.ExternalTaskId);
            if (info.ParentVideo is { } parent)
            {
                writer.WritePropertyName("parent_video");
                WriteVideo(writer, parent);
            }

            WriteExtra(writer, info.AdditionalProperties);
            writer.WriteEndObject();
        }

        if (task.TaskResult is { } result)
        {
            writer.WriteStartObject("task_result");
            writer.WriteStartArray("videos");
            foreach (var video in result.Videos)
            {
                WriteVideo(writer, video);
            }

            writer.WriteEndArray();
            WriteExtra(writer, result.AdditionalProperties);
            writer.WriteEndObject();
        }

        if (task.WatermarkInfo is { } watermark)
        {
            writer.WriteStartObject("watermark_info");
            writer.WriteBoolean("enabled", watermark.Enabled);
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, "final_unit_deduction", task.FinalUnitDeduction);
        if (task.CreatedAt != default)
        {
            writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeMilliseconds());
        }

        if (task.UpdatedAt != default)
        {
            writer.WriteNumber("updated_at", task.UpdatedAt.ToUnixTimeMilliseconds());
        }

        WriteExtra(writer, task.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteVideo(Utf8JsonWriter writer, KlingVideo video)
    {
        writer.WriteStartObject();
        WriteIfPresent(writer, "id", video.Id);
        WriteIfPresent(writer, "url", video.Url?.ToString());
        WriteIfPresent(writer, "watermark_url", video.WatermarkUrl?.ToString());
        WriteIfPresent(writer, "duration", video.Duration);
        WriteExtra(writer, video.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, CliError error)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", error.Kind);
        writer.WriteString("message", error.Message);
        if (error.Code is { } code)
        {
            writer.WriteNumber("code", code);
        }

        if (error.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }

        WriteIfPresent(writer, "request_id", error.RequestId);
        if (error.Errors is { } problems)
        {
            writer.WriteStartArray("errors");
            foreach (var problem in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("path", problem.Path);
                writer.WriteString("message", problem.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteIfPresent(writer, "resume", error.Resume);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Fields the service sent that the SDK has no property for, written back unchanged.</summary>
    private static void WriteExtra(Utf8JsonWriter writer, IDictionary<string, JsonElement>? extra)
    {
        foreach (var (name, value) in extra ?? new Dictionary<string, JsonElement>())
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
