using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Cli.Output;

namespace CometApi.Kling.Cli.Tests;

/// <summary>The <c>--json</c> document: its <c>task</c> is the SDK's own JSON (<see cref="KlingJson"/>), the rest the CLI's.</summary>
public sealed class CliJsonWriterTests
{
    // The API's data object as CometAPI sends it, with a field and a status this SDK does not know (and the typed result
    // lists, which are always written).
    private const string WireTask = """
        {"task_id":"2032273942220931072","task_status":"succeed_with_notes","task_status_msg":"ok",
         "task_info":{"external_task_id":"order-42","parent_video":{"id":"p","url":"https://cdn.example.com/p.mp4","duration":"5"}},
         "task_result":{"videos":[{"id":"v","url":"https://cdn.example.com/a%20b.mp4?sig=x%2By","duration":"5.1","fps":24}],"images":[],"audios":[]},
         "watermark_info":{"enabled":true},"final_unit_deduction":"1","created_at":1773366840306,"updated_at":1773366900000,
         "task_kind_from_the_future":{"nested":[1,2]}}
        """;

    [Fact]
    public void The_task_is_written_exactly_as_KlingJson_writes_it_and_reads_back()
    {
        var task = KlingJson.Deserialize<TaskData>(WireTask);

        var document = JsonNode.Parse(CliJsonWriter.Write(new CliResult { Task = task, RequestId = "req-1", File = "/tmp/v.mp4" }))!.AsObject();

        Assert.Equal(["task", "request_id", "file"], document.Select(property => property.Key));
        var printed = document["task"]!.ToJsonString();
        Assert.Equal(KlingJson.Serialize(task), printed);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WireTask), JsonNode.Parse(printed)), printed);
        var readBack = KlingJson.Deserialize<TaskData>(printed);
        Assert.Equal("succeed_with_notes", readBack.TaskStatus.ToString());
        Assert.Equal(task.CreatedAt, readBack.CreatedAt);
        Assert.Equal("""{"nested":[1,2]}""", readBack.AdditionalProperties!["task_kind_from_the_future"].GetRawText());
        Assert.Equal(24, readBack.TaskResult!.Videos[0].AdditionalProperties!["fps"].GetInt32());
        Assert.Equal("req-1", document["request_id"]!.GetValue<string>());
        Assert.Equal("/tmp/v.mp4", document["file"]!.GetValue<string>());
    }

    [Fact]
    public void Several_saved_files_are_listed_in_files_after_the_first_one_in_file()
    {
        var document = JsonNode.Parse(CliJsonWriter.Write(new CliResult
        {
            Task = KlingJson.Deserialize<TaskData>(WireTask),
            File = "/tmp/out.mp3",
            Files = ["/tmp/out.mp3", "/tmp/out.wav"],
        }))!.AsObject();

        Assert.Equal(["task", "file", "files"], document.Select(property => property.Key));
        Assert.Equal("/tmp/out.mp3", document["file"]!.GetValue<string>());
        Assert.Equal(["/tmp/out.mp3", "/tmp/out.wav"], document["files"]!.AsArray().Select(file => file!.GetValue<string>()));
    }

    [Fact]
    public void The_document_is_indented_like_the_rest_of_the_output()
    {
        var text = CliJsonWriter.Write(new CliResult { Task = KlingJson.Deserialize<TaskData>(WireTask) });

        Assert.Contains("\n  \"task\": {\n    \"task_id\": \"2032273942220931072\",", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_beside_a_task_keeps_the_documented_shape()
    {
        var task = KlingJson.Deserialize<TaskData>("""{"task_id":"1","task_status":"failed","task_status_msg":"risk control","created_at":1773366840306,"updated_at":1773366900000}""");

        var document = JsonNode.Parse(CliJsonWriter.Write(new CliResult
        {
            Task = task,
            RequestId = "req-2",
            Error = new CliError { Kind = "task_failed", Message = "The task failed: risk control" },
        }))!.AsObject();

        Assert.Equal(["task", "request_id", "error"], document.Select(property => property.Key));
        Assert.Equal("""{"task_id":"1","task_status":"failed","task_status_msg":"risk control","created_at":1773366840306,"updated_at":1773366900000}""", document["task"]!.ToJsonString());
        Assert.Equal("""{"kind":"task_failed","message":"The task failed: risk control"}""", document["error"]!.ToJsonString());
    }

    [Fact]
    public void Without_a_task_there_is_no_task_property()
    {
        using var document = JsonDocument.Parse(CliJsonWriter.Write(new CliResult { Error = new CliError { Kind = "usage", Message = "m" } }));

        Assert.False(document.RootElement.TryGetProperty("task", out _));
    }
}
