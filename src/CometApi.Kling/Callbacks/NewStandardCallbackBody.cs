using System.Globalization;
using System.Text.Json;

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
        string id = string.Empty;
        KlingTaskStatus status = default;
        string? message = null;
        string? externalId = null;
        DateTimeOffset created = default;
        DateTimeOffset updated = default;
        Dictionary<string, JsonElement>? other = null;
        foreach (var property in task.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id":
                    id = ReadString(property) ?? string.Empty;
                    break;
                case "status":
                    var value = ReadString(property);
                    status = value is null ? default : new KlingTaskStatus(value);
                    break;
                case "message":
                    message = ReadString(property);
                    break;
                case "external_id":
                    externalId = ReadString(property);
                    break;
                case "create_time":
                    created = ReadMilliseconds(property);
                    break;
                case "update_time":
                    updated = ReadMilliseconds(property);
                    break;
                default:
                    // Cloned: the element must outlive the JsonDocument the body was parsed into.
                    (other ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value.Clone();
                    break;
            }
        }

        return new TaskData
        {
            TaskId = id,
            TaskStatus = status,
            TaskStatusMessage = message,
            TaskInfo = externalId is null ? null : new TaskInfo { ExternalTaskId = externalId },
            CreatedAt = created,
            UpdatedAt = updated,
            AdditionalProperties = other,
        };
    }

    /// <summary>A string, or a number kept as written (ids may arrive as numbers); null for JSON null.</summary>
    private static string? ReadString(JsonProperty property) =>
        property.Value.ValueKind switch
        {
            JsonValueKind.String => property.Value.GetString(),
            JsonValueKind.Number => property.Value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new JsonException($"'{property.Name}' should be a string, not a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}."),
        };

    /// <summary>Unix milliseconds, as a number or numeric string (like the legacy <c>created_at</c>); default for JSON null.</summary>
    private static DateTimeOffset ReadMilliseconds(JsonProperty property)
    {
        var value = property.Value;
        long milliseconds;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return default;
            case JsonValueKind.Number when value.TryGetInt64(out milliseconds):
                break;
            case JsonValueKind.Number when value.TryGetDouble(out var fractional):
                milliseconds = (long)fractional;
                break;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out milliseconds):
                break;
            default:
                throw new JsonException($"'{property.Name}' should be a Unix timestamp in milliseconds.");
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new JsonException($"'{property.Name}' ({milliseconds} ms) is out of range.", ex);
        }
    }
}
