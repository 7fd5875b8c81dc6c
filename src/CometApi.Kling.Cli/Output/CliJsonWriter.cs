using System.Text;
using System.Text.Json;

namespace CometApi.Kling.Cli.Output;

/// <summary>
/// Writes the <c>--json</c> document with <see cref="Utf8JsonWriter"/>. The task is written by the SDK's own JSON
/// (<see cref="KlingJson"/>), so it reads like the API's <c>data</c>: snake_case names, Unix-millisecond times, string
/// durations, and the fields the SDK does not know included; <see cref="KlingJson.Deserialize{T}(string)"/> reads it
/// back as a <see cref="TaskData"/>. The rest of the document (request id, file, error) is the CLI's own.
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
                KlingJson.Serialize(writer, task);
            }

            if (result.Session is { } session)
            {
                writer.WritePropertyName("session");
                KlingJson.Serialize(writer, session);
            }

            WriteIfPresent(writer, "request_id", result.RequestId);
            WriteIfPresent(writer, "file", result.File);
            if (result.Files is { } files)
            {
                writer.WriteStartArray("files");
                foreach (var file in files)
                {
                    writer.WriteStringValue(file);
                }

                writer.WriteEndArray();
            }
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
}
