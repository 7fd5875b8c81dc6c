using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Reads the usual shape of a task answer (<c>{code, message, request_id, data: {task_id, task_status, …}}</c>) with one
/// <see cref="Utf8JsonReader"/> pass, for the create and every poll. The source-generated reader fills these
/// <c>init</c>-only records through its parameterized-constructor path, which cost a create as much as the rest of the
/// SDK's own work together (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// It never decides anything the generated reader would decide differently: every value is read by the converter the
/// generated metadata names for that property (so a converter's rules, such as lenient strings or the status spellings,
/// are the same code either way), nested objects other than <c>task_info</c> are read by the generated reader itself, and
/// anything outside the usual shape (an unknown or differently cased name, a repeated name, an unexpected token, invalid
/// JSON, a missing <c>data</c>) makes it answer null, and the caller reads the body with the generated reader. If the
/// generated metadata has a property this reader does not know, it turns itself off (<see cref="Enabled"/>; a test
/// checks it is on), so a field added to a model can never be dropped here.
/// </remarks>
internal static class TaskResponseFastReader
{
    private static readonly JsonSerializerOptions Options = KlingJsonContext.Default.Options;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = Options.AllowTrailingCommas,
        CommentHandling = Options.ReadCommentHandling,
        MaxDepth = Options.MaxDepth == 0 ? 64 : Options.MaxDepth,
    };

    private static readonly Converters? Known = Converters.From(KlingJsonContext.Default);

    /// <summary>Whether the fast path is in use: false when the models have a property this reader does not know.</summary>
    public static bool Enabled => Known is not null;

    /// <summary>The answer, or null when the body is not in the usual shape (the caller then uses the generated reader).</summary>
    public static TaskResponse? TryRead(ReadOnlySpan<byte> json)
    {
        if (Known is not { } known)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            return TryReadResponse(ref reader, known);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Invalid JSON or a value a converter refuses: the generated reader reports it in its own words.
            return null;
        }
    }

    private static TaskResponse? TryReadResponse(ref Utf8JsonReader reader, Converters known)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var code = 0;
        string? message = null;
        string? requestId = null;
        TaskData? data = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // An unknown field goes to AdditionalProperties, a differently cased one is matched case-insensitively, a
            // repeated one takes the last value: each is the generated reader's job, so any of them ends the fast path.
            var read = reader.ValueTextEquals("code"u8) ? Next(ref reader, ref seen, 1) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code)
                : reader.ValueTextEquals("message"u8) ? Field(ref reader, ref seen, 2, known.Message, out message)
                : reader.ValueTextEquals("request_id"u8) ? Field(ref reader, ref seen, 4, known.RequestId, out requestId)
                : reader.ValueTextEquals("data"u8) && Next(ref reader, ref seen, 8) && reader.TokenType == JsonTokenType.StartObject
                    && (data = TryReadData(ref reader, known)) is not null;
            if (!read)
            {
                return null;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || data is null || reader.Read())
        {
            return null;
        }

        return new TaskResponse { Code = code, Message = message, RequestId = requestId, Data = data };
    }

    private static TaskData? TryReadData(ref Utf8JsonReader reader, Converters known)
    {
        string? taskId = null;
        KlingTaskKind kind = default;
        KlingTaskStatus status = default;
        string? statusMessage = null;
        TaskInfo? taskInfo = null;
        TaskResult? taskResult = null;
        KlingWatermarkInfo? watermarkInfo = null;
        string? finalUnitDeduction = null;
        DateTimeOffset createdAt = default;
        DateTimeOffset updatedAt = default;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var read = reader.ValueTextEquals("task_id"u8) ? Field(ref reader, ref seen, 1, known.TaskId, out taskId)
                : reader.ValueTextEquals("task_status"u8) ? Field(ref reader, ref seen, 2, known.TaskStatus, out status)
                : reader.ValueTextEquals("task_status_msg"u8) ? Field(ref reader, ref seen, 4, known.TaskStatusMessage, out statusMessage)
                : reader.ValueTextEquals("task_info"u8) ? Next(ref reader, ref seen, 8) && TryReadTaskInfo(ref reader, known, out taskInfo)
                : reader.ValueTextEquals("created_at"u8) ? Field(ref reader, ref seen, 16, known.CreatedAt, out createdAt)
                : reader.ValueTextEquals("updated_at"u8) ? Field(ref reader, ref seen, 32, known.UpdatedAt, out updatedAt)
                : reader.ValueTextEquals("task_result"u8) ? Field(ref reader, ref seen, 64, KlingJsonContext.Default.TaskResult, out taskResult)
                : reader.ValueTextEquals("watermark_info"u8) ? Field(ref reader, ref seen, 128, KlingJsonContext.Default.KlingWatermarkInfo, out watermarkInfo)
                : reader.ValueTextEquals("final_unit_deduction"u8) ? Field(ref reader, ref seen, 256, known.FinalUnitDeduction, out finalUnitDeduction)
                : reader.ValueTextEquals("kind"u8) && Field(ref reader, ref seen, 512, known.Kind, out kind);
            if (!read)
            {
                return null;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return null;
        }

        return new TaskData
        {
            TaskId = taskId!,
            Kind = kind,
            TaskStatus = status,
            TaskStatusMessage = statusMessage,
            TaskInfo = taskInfo,
            TaskResult = taskResult,
            WatermarkInfo = watermarkInfo,
            FinalUnitDeduction = finalUnitDeduction,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
        };
    }

    /// <summary>
    /// <c>task_info</c> as the create answers it (empty, or only the external id); anything else (a parent video, an
    /// unknown field) is read by the generated reader from the same position.
    /// </summary>
    private static bool TryReadTaskInfo(ref Utf8JsonReader reader, Converters known, out TaskInfo? taskInfo)
    {
        taskInfo = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            taskInfo = JsonSerializer.Deserialize(ref reader, KlingJsonContext.Default.TaskInfo);
            return true;
        }

        var start = reader;
        string? externalTaskId = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("external_task_id"u8) || !Next(ref reader, ref seen, 1))
            {
                reader = start;
                taskInfo = JsonSerializer.Deserialize(ref reader, KlingJsonContext.Default.TaskInfo);
                return true;
            }

            externalTaskId = known.ExternalTaskId.Read(ref reader, typeof(string), Options);
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        taskInfo = new TaskInfo { ExternalTaskId = externalTaskId };
        return true;
    }

    /// <summary>Reads a field's value with the converter the generated reader uses for it (false when the name was seen already).</summary>
    private static bool Field<T>(ref Utf8JsonReader reader, ref int seen, int bit, JsonConverter<T> converter, out T value)
    {
        value = default!;
        if (!Next(ref reader, ref seen, bit))
        {
            return false;
        }

        value = converter.Read(ref reader, typeof(T), Options)!;
        return true;
    }

    /// <summary>Reads a field's value, an object of the models, with the generated reader itself (false when the name was seen already).</summary>
    private static bool Field<T>(ref Utf8JsonReader reader, ref int seen, int bit, JsonTypeInfo<T> type, out T? value)
        where T : class
    {
        value = null;
        if (!Next(ref reader, ref seen, bit))
        {
            return false;
        }

        value = JsonSerializer.Deserialize(ref reader, type);
        return true;
    }

    /// <summary>Marks a field seen (false when it was seen already: repeated names are the generated reader's job) and moves to its value.</summary>
    private static bool Next(ref Utf8JsonReader reader, ref int seen, int bit) => First(ref seen, bit) && reader.Read();

    private static bool First(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    /// <summary>The converters the generated metadata uses for each field read here.</summary>
    private sealed class Converters
    {
        public JsonConverter<string?> Message { get; private set; } = null!;

        public JsonConverter<string?> RequestId { get; private set; } = null!;

        public JsonConverter<string?> TaskId { get; private set; } = null!;

        public JsonConverter<KlingTaskKind> Kind { get; private set; } = null!;

        public JsonConverter<KlingTaskStatus> TaskStatus { get; private set; } = null!;

        public JsonConverter<string?> TaskStatusMessage { get; private set; } = null!;

        public JsonConverter<string?> FinalUnitDeduction { get; private set; } = null!;

        public JsonConverter<DateTimeOffset> CreatedAt { get; private set; } = null!;

        public JsonConverter<DateTimeOffset> UpdatedAt { get; private set; } = null!;

        public JsonConverter<string?> ExternalTaskId { get; private set; } = null!;

        /// <summary>The converters, or null when the metadata's properties are not exactly the ones this reader handles.</summary>
        public static Converters? From(KlingJsonContext context)
        {
            var response = Properties(context.TaskResponse);
            var data = Properties(context.TaskData);
            var info = Properties(context.TaskInfo);
            if (!SameNames(response, "code", "message", "request_id", "data")
                || !SameNames(data, "task_id", "kind", "task_status", "task_status_msg", "task_info", "task_result", "watermark_info", "final_unit_deduction", "created_at", "updated_at")
                || !SameNames(info, "external_task_id", "parent_video")
                || !Is<int>(response["code"]) || !Is<TaskData>(response["data"])
                || !Is<TaskInfo>(data["task_info"]) || !Is<TaskResult>(data["task_result"]) || !Is<KlingWatermarkInfo>(data["watermark_info"]))
            {
                return null;
            }

            try
            {
                return new Converters
                {
                    Message = ConverterOf<string?>(response["message"]),
                    RequestId = ConverterOf<string?>(response["request_id"]),
                    TaskId = ConverterOf<string?>(data["task_id"]),
                    Kind = ConverterOf<KlingTaskKind>(data["kind"]),
                    TaskStatus = ConverterOf<KlingTaskStatus>(data["task_status"]),
                    TaskStatusMessage = ConverterOf<string?>(data["task_status_msg"]),
                    FinalUnitDeduction = ConverterOf<string?>(data["final_unit_deduction"]),
                    CreatedAt = ConverterOf<DateTimeOffset>(data["created_at"]),
                    UpdatedAt = ConverterOf<DateTimeOffset>(data["updated_at"]),
                    ExternalTaskId = ConverterOf<string?>(info["external_task_id"]),
                };
            }
            catch (InvalidCastException)
            {
                return null;
            }
        }

        private static Dictionary<string, JsonPropertyInfo> Properties(JsonTypeInfo type)
        {
            var properties = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
            foreach (var property in type.Properties)
            {
                if (!property.IsExtensionData)
                {
                    properties[property.Name] = property;
                }
            }

            return properties;
        }

        private static bool SameNames(Dictionary<string, JsonPropertyInfo> properties, params string[] names) =>
            properties.Count == names.Length && Array.TrueForAll(names, properties.ContainsKey);

        private static bool Is<T>(JsonPropertyInfo property) => property.PropertyType == typeof(T) && property.CustomConverter is null;

        // The property's own [JsonConverter], else its type's converter: what the generated reader calls for the value.
        // A converter that does not handle null is only ever given non-null tokens by the generated reader, so those
        // fields must be read by a converter that does (the SDK's all say HandleNull).
        private static JsonConverter<T> ConverterOf<T>(JsonPropertyInfo property)
        {
            var converter = (JsonConverter<T>)(property.CustomConverter ?? property.Options.GetTypeInfo(typeof(T)).Converter);
            return property.PropertyType == typeof(T) && converter.HandleNull ? converter : throw new InvalidCastException();
        }
    }
}
