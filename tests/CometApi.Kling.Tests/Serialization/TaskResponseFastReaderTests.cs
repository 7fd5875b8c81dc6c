using System.Text;
using System.Text.Json;
using CometApi.Kling.Serialization;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// The one-pass reader of task answers (create and poll) against the source-generated reader it stands in for: the
/// usual shapes take the fast path and read exactly what the generated reader reads; everything else is left to the
/// generated reader (the fast path answers null), so no answer can read differently either way.
/// </summary>
public class TaskResponseFastReaderTests
{
    private const string Created =
        """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}""";

    [Fact]
    public void Fast_path_is_on_for_the_models_as_they_are()
    {
        // Off means a model gained or lost a property the fast reader does not know: it then reads nothing itself, which
        // is safe but slow. Teach TaskResponseFastReader the new field and this turns green again.
        Assert.True(TaskResponseFastReader.Enabled);
    }

    public static TheoryData<string> UsualShapes() =>
    [
        Created,
        """{"code":0,"message":"SUCCEED","request_id":"9ab376fc-9059","data":{"task_id":"878106242831892487","task_info":{},"created_at":1777385361501,"updated_at":1777385363321,"task_result":{},"task_status":"processing"}}""",
        """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"1","task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"order-42"},"task_result":{"videos":[{"id":"v1","url":"https://example.com/v1.mp4","duration":"5.1"}]},"watermark_info":{"enabled":true},"final_unit_deduction":"1.5","created_at":1,"updated_at":2}}""",
        """{"code":0,"message":null,"request_id":null,"data":{"task_id":867,"task_status":"failed","task_status_msg":"content risk","task_info":null,"task_result":null,"watermark_info":null,"final_unit_deduction":2,"created_at":"1722769557708","updated_at":null}}""",
        """{"code":0,"data":{"task_id":"1","task_status":"brand-new-status","kind":"videos/text2video"}}""",
        """{"code":0,"data":{"task_id":"1","task_info":{"parent_video":{"id":"p","url":"https://example.com/p.mp4","duration":"5"}}}}""",
        """{"code":0,"data":{"task_id":"1","task_info":{"external_task_id":"x","future_field":[1,2]}}}""",
        """{"code":0,"data":{"task\u005fid":"escaped-name","task_status":"submitted"}}""",
        """  {"code":1303,"message":"parallel task over resource pack limit","request_id":"r","data":{"task_id":""}}  """,
        """{"code":0,"data":{}}""",
    ];

    [Theory]
    [MemberData(nameof(UsualShapes))]
    public void Usual_answer_takes_the_fast_path_and_reads_what_the_generated_reader_reads(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var fast = TaskResponseFastReader.TryRead(bytes);

        Assert.NotNull(fast);
        Assert.Equal(Written(JsonSerializer.Deserialize(bytes, KlingJsonContext.Default.TaskResponse)!), Written(fast));
    }

    public static TheoryData<string> OtherShapes() =>
    [
        // Fields this SDK does not know go to AdditionalProperties.
        """{"code":0,"trace":"t","data":{"task_id":"1"}}""",
        """{"code":0,"data":{"task_id":"1","queue_position":3}}""",

        // Names in another case are matched case-insensitively, repeated names take the last value.
        """{"Code":0,"data":{"task_id":"1"}}""",
        """{"code":0,"data":{"TASK_ID":"1"}}""",
        """{"code":0,"code":0,"data":{"task_id":"1"}}""",
        """{"code":0,"data":{"task_id":"1","task_id":"2"}}""",

        // Numbers in strings, a null or missing data.
        """{"code":"0","data":{"task_id":"1"}}""",
        """{"code":0,"data":null}""",
        """{"code":0}""",
        """{"code":0,"data":[]}""",
    ];

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Other_answer_is_left_to_the_generated_reader(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(TaskResponseFastReader.TryRead(bytes));
    }

    [Theory]
    [InlineData("""{"code":0,"data":{"task_id":"1"}} trailing""")]
    [InlineData("""{"code":0,"data":{"task_id":"1"}""")]
    [InlineData("""{"code":0.5,"data":{"task_id":"1"}}""")]
    [InlineData("""{"code":0,"data":{"task_id":{}}}""")]
    [InlineData("""{"code":0,"data":{"task_id":"1","created_at":true}}""")]
    [InlineData("""{"code":0,"data":{"task_id":"1","task_result":{"videos":"nope"}}}""")]
    [InlineData("<html><title>Bad gateway</title></html>")]
    [InlineData("")]
    public void Body_the_generated_reader_refuses_is_left_to_it_so_its_error_is_the_one_reported(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(TaskResponseFastReader.TryRead(bytes));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, KlingJsonContext.Default.TaskResponse));
    }

    private static string Written(TaskResponse response) => JsonSerializer.Serialize(response, KlingJsonContext.Default.TaskResponse);
}
