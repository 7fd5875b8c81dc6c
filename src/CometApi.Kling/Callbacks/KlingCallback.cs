using System.Text.Json;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// Reads the body Kling POSTs to a task's <c>callback_url</c> (any kind) when its status changes: the bare legacy task
/// object, the new-standard body (<c>{id, status, message, create_time, update_time, external_id, outputs, billing}</c>,
/// mapped onto the same <see cref="TaskData"/>), or either inside a <c>{code, message, data}</c> envelope; the task is a
/// <see cref="TaskResponse"/> like every task the client hands out (its <see cref="TaskData.Kind"/> unspecified: the body
/// does not say it). Parsing
/// proves nothing: check the signature first when the account signs callbacks (<see cref="KlingCallbackVerifier"/>), and
/// use the result to decide which task to re-fetch, never as the task's state.
/// </summary>
public static class KlingCallback
{
    /// <summary>The largest body accepted (1 MiB); a task object is a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Reads a callback body.</summary>
    /// <param name="utf8Json">The body, UTF-8 JSON.</param>
    /// <returns>The task id and reported status.</returns>
    /// <exception cref="FormatException">The body is not JSON, not an object, or has neither <c>task_id</c> nor <c>id</c>.</exception>
    public static KlingCallbackNotification Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        if (utf8Json.Length >= 3 && utf8Json[0] == 0xEF && utf8Json[1] == 0xBB && utf8Json[2] == 0xBF)
        {
            utf8Json = utf8Json.Slice(3);
        }

        if (utf8Json.IsEmpty)
        {
            throw new FormatException("The Kling callback body is empty; expected the task object as JSON.");
        }

        TaskData? task;
        string? message = null;
        string? requestId = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The Kling callback body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not the task object.");
            }

            // Kling posts the bare task object; an envelope ({code, message, data}) is accepted too, as proxies may wrap it.
            var wrapped = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && !root.TryGetProperty("task_id", out _) && !root.TryGetProperty("id", out _);
            var taskElement = wrapped ? data : root;
            if (wrapped)
            {
                message = StringOrNull(root, "message");
                requestId = StringOrNull(root, "request_id");
            }

            // Legacy routes call back with the legacy task object (task_id, task_status, ...), new-standard routes with
            // {id, status, message, create_time, update_time, external_id, outputs, billing}: both become a TaskData.
            task = NewStandardCallbackBody.Matches(taskElement)
                ? NewStandardCallbackBody.Read(taskElement)
                : taskElement.Deserialize(KlingJsonContext.Default.TaskData);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The Kling callback body is not valid JSON for a task object: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Invalid UTF-8 inside a string is only found when the value is read.
            throw new FormatException($"The Kling callback body is not valid JSON for a task object: {ex.Message}", ex);
        }

        if (task is null || string.IsNullOrWhiteSpace(task.TaskId))
        {
            throw new FormatException("The Kling callback body has no task_id (nor a new-standard id), so it is not a Kling task notification.");
        }

        return new KlingCallbackNotification(new TaskResponse { Message = message, RequestId = requestId, Data = task });
    }

    /// <summary>Reads a callback body from a stream (e.g. <c>HttpRequest.Body</c>), at most <see cref="MaxBodyBytes"/>.</summary>
    /// <param name="body">The body; it is read to its end, not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The task id and reported status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The body is too large, not JSON, not an object, or has no <c>task_id</c>.</exception>
    public static async Task<KlingCallbackNotification> ParseAsync(Stream body, CancellationToken cancellationToken = default) =>
        Parse((await ReadBodyAsync(body, cancellationToken).ConfigureAwait(false)).Span);

    /// <summary>
    /// Reads a callback body's raw bytes from a stream, at most <see cref="MaxBodyBytes"/>: what a
    /// <see cref="KlingCallbackVerifier"/> checks, before <see cref="Parse"/> reads the same bytes.
    /// </summary>
    /// <param name="body">The body; it is read to its end, not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes exactly as received.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The body is larger than <see cref="MaxBodyBytes"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Stream body, CancellationToken cancellationToken = default)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? StringOrNull(JsonElement envelope, string name) =>
        envelope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static FormatException TooLarge() =>
        new($"The Kling callback body is larger than {MaxBodyBytes / 1024} KiB; a task notification is a few kilobytes.");
}
