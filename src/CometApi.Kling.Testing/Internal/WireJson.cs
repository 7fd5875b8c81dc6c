using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// Writes the service's JSON by hand, exactly as docs/kling-api.md shows it: snake_case, Unix-millisecond timestamps,
/// durations and unit counts as strings, <c>task_result: {}</c> while a task runs. Deliberately not the SDK's serializer,
/// so a wire mistake in the SDK's models shows up against the emulator instead of being mirrored by it.
/// </summary>
internal static class WireJson
{
    public const string SucceedMessage = "SUCCEED";

    // Messages echo user text (external ids, model names): readable beats HTML-safe in a JSON API response.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] KlingError(int code, string message, string requestId) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteString("request_id", requestId);
        writer.WriteEndObject();
    });

    public static byte[] CometError(string message, string type, string code, string requestId) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", $"{message} (request id: {requestId})");
        writer.WriteString("type", type);
        writer.WriteString("param", string.Empty);
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>The create answer: the short task object of the official create example.</summary>
    public static byte[] Created(EmulatedTask task, DateTimeOffset now, string requestId, bool succeededSpelling) => Write(writer =>
    {
        StartEnvelope(writer, requestId);
        writer.WriteStartObject("data");
        writer.WriteString("task_id", task.TaskId);
        WriteTaskInfo(writer, task);
        writer.WriteString("task_status", StatusText(task.StatusAt(now), succeededSpelling));
        writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("updated_at", task.UpdatedAt(now).ToUnixTimeMilliseconds());
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static byte[] Single(EmulatedTask task, DateTimeOffset now, Uri baseAddress, string requestId, bool succeededSpelling) => Write(writer =>
    {
        StartEnvelope(writer, requestId);
        writer.WritePropertyName("data");
        WriteTask(writer, task, now, baseAddress, succeededSpelling);
        writer.WriteEndObject();
    });

    /// <summary>
    /// The second shape CometAPI documents for an omni-video query (kling-catalogue §3.9): <c>data</c> is a wrapper whose
    /// <c>status</c> is <c>SUCCESS</c>/<c>FAILURE</c> (<c>IN_PROGRESS</c> otherwise; only the two final values are
    /// documented), with the Kling task nested at <c>data.data</c>.
    /// </summary>
    public static byte[] Wrapped(EmulatedTask task, DateTimeOffset now, Uri baseAddress, string requestId, bool succeededSpelling) => Write(writer =>
    {
        var status = task.StatusAt(now);
        StartEnvelope(writer, requestId);
        writer.WriteStartObject("data");
        writer.WriteString("task_id", task.TaskId);
        writer.WriteString("action", "OMNI_VIDEO");
        writer.WriteString("status", status == KlingTaskStatus.Succeeded ? "SUCCESS" : status == KlingTaskStatus.Failed ? "FAILURE" : "IN_PROGRESS");
        writer.WriteString("progress", status.IsTerminal ? "100%" : "0%");
        writer.WritePropertyName("data");
        WriteTask(writer, task, now, baseAddress, succeededSpelling);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static byte[] List(IEnumerable<EmulatedTask> tasks, DateTimeOffset now, Uri baseAddress, string requestId, bool succeededSpelling) => Write(writer =>
    {
        StartEnvelope(writer, requestId);
        writer.WriteStartArray("data");
        foreach (var task in tasks)
        {
            WriteTask(writer, task, now, baseAddress, succeededSpelling);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The bare task object, as the callback body (no envelope).</summary>
    public static byte[] Task(EmulatedTask task, DateTimeOffset at, Uri baseAddress, bool succeededSpelling) =>
        Write(writer => WriteTask(writer, task, at, baseAddress, succeededSpelling));

    /// <summary>
    /// The new-standard callback body (kling-catalogue §7 and §8): <c>{id, status, message, create_time, update_time,
    /// external_id, outputs}</c>, status spelt <c>succeeded</c>, <c>message</c> the failure reason or empty. The shape of
    /// each output beyond <c>type</c> is not documented; the emulator writes <c>type</c> and <c>url</c> (plus the
    /// video's <c>id</c>/<c>duration</c> and the audio's <c>mp3_url</c>/<c>wav_url</c>, in the new standard's naming).
    /// </summary>
    public static byte[] NewStandardTask(EmulatedTask task, DateTimeOffset at, Uri baseAddress) => Write(writer =>
    {
        var status = task.StatusAt(at);
        writer.WriteStartObject();
        writer.WriteString("id", task.TaskId);
        writer.WriteString("status", StatusText(status, succeededSpelling: true));
        writer.WriteString("message", status == KlingTaskStatus.Failed ? task.FailureMessage : string.Empty);
        writer.WriteNumber("create_time", task.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("update_time", task.UpdatedAt(at).ToUnixTimeMilliseconds());
        if (task.ExternalTaskId is { } external)
        {
            writer.WriteString("external_id", external);
        }

        writer.WriteStartArray("outputs");
        if (status == KlingTaskStatus.Succeeded)
        {
            WriteOutputs(writer, task, baseAddress);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The wire spelling of a status: success is <c>succeed</c> (legacy) or <c>succeeded</c> (new standard).</summary>
    private static string StatusText(KlingTaskStatus status, bool succeededSpelling) =>
        status == KlingTaskStatus.Succeeded ? (succeededSpelling ? "succeeded" : "succeed") : status.ToString();

    /// <summary>One new-standard output per result, read back from the legacy <c>task_result</c> so both name the same files.</summary>
    private static void WriteOutputs(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress)
    {
        var legacy = Write(w =>
        {
            w.WriteStartObject();
            task.Kind.Media.WriteResult(w, task, baseAddress);
            w.WriteEndObject();
        });
        using var document = JsonDocument.Parse(legacy);
        var result = document.RootElement;
        foreach (var video in Items(result, "videos"))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "video");
            CopyString(writer, video, "id", "id");
            CopyString(writer, video, "url", "url");
            CopyString(writer, video, "watermark_url", "watermark_url");
            CopyString(writer, video, "duration", "duration");
            writer.WriteEndObject();
        }

        foreach (var image in Items(result, "images"))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "image");
            if (image.TryGetProperty("index", out var index))
            {
                writer.WriteNumber("index", index.GetInt32());
            }

            CopyString(writer, image, "url", "url");
            CopyString(writer, image, "watermark_url", "watermark_url");
            writer.WriteEndObject();
        }

        foreach (var audio in Items(result, "audios"))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "audio");
            CopyString(writer, audio, "id", "id");
            CopyString(writer, audio, "url_mp3", "mp3_url");
            CopyString(writer, audio, "url_wav", "wav_url");
            CopyString(writer, audio, "duration_mp3", "mp3_duration");
            CopyString(writer, audio, "duration_wav", "wav_duration");
            writer.WriteEndObject();
        }
    }

    private static JsonElement[] Items(JsonElement result, string name) =>
        result.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];

    private static void CopyString(Utf8JsonWriter writer, JsonElement from, string name, string asName)
    {
        if (from.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            writer.WriteString(asName, value.GetString());
        }
    }

    private static void WriteTask(Utf8JsonWriter writer, EmulatedTask task, DateTimeOffset at, Uri baseAddress, bool succeededSpelling)
    {
        var status = task.StatusAt(at);
        writer.WriteStartObject();
        writer.WriteString("task_id", task.TaskId);
        writer.WriteString("task_status", StatusText(status, succeededSpelling));
        if (status == KlingTaskStatus.Failed)
        {
            writer.WriteString("task_status_msg", task.FailureMessage);
        }

        WriteTaskInfo(writer, task, baseAddress);
        writer.WriteStartObject("task_result");
        if (status == KlingTaskStatus.Succeeded)
        {
            task.Kind.Media.WriteResult(writer, task, baseAddress);
        }

        writer.WriteEndObject();
        if (task.Watermark is { } watermark)
        {
            writer.WriteStartObject("watermark_info");
            writer.WriteBoolean("enabled", watermark);
            writer.WriteEndObject();
        }

        if (status == KlingTaskStatus.Succeeded || status == KlingTaskStatus.Failed)
        {
            // Illustrative only: one unit per 5 s of video, nothing for a failed task. A string on the wire.
            writer.WriteString("final_unit_deduction", status == KlingTaskStatus.Failed ? "0" : task.Duration == "10" ? "2" : "1");
        }

        writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("updated_at", task.UpdatedAt(at).ToUnixTimeMilliseconds());
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>task_info</c>: <c>external_task_id</c>, then the kind's own properties in task answers and callbacks
    /// (<paramref name="baseAddress"/> set); the create answer carries the external id only, as the official example.
    /// </summary>
    private static void WriteTaskInfo(Utf8JsonWriter writer, EmulatedTask task, Uri? baseAddress = null)
    {
        writer.WriteStartObject("task_info");
        if (task.ExternalTaskId is { } external)
        {
            writer.WriteString("external_task_id", external);
        }

        if (baseAddress is not null)
        {
            task.Kind.WriteTaskInfo?.Invoke(writer, task, baseAddress);
        }

        writer.WriteEndObject();
    }

    private static void StartEnvelope(Utf8JsonWriter writer, string requestId)
    {
        writer.WriteStartObject();
        writer.WriteNumber("code", 0);
        writer.WriteString("message", SucceedMessage);
        writer.WriteString("request_id", requestId);
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
