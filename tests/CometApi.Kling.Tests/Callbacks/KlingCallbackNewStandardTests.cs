using System.Text;

namespace CometApi.Kling.Tests.Callbacks;

public class KlingCallbackNewStandardTests
{
    private static KlingCallbackNotification Parse(string json) => KlingCallback.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_maps_the_official_new_standard_body_onto_the_task()
    {
        var notification = Parse("""{"id":"1234567890","status":"succeeded","message":"","create_time":1781080778802,"update_time":1781080794151}""");

        Assert.Equal("1234567890", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, notification.TaskStatus);
        Assert.True(notification.TaskStatus.IsTerminal);
        Assert.Equal("succeeded", notification.TaskStatus.ToString());
        Assert.Equal(string.Empty, notification.ReportedTask.Data.TaskStatusMessage);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781080778802), notification.ReportedTask.Data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781080794151), notification.ReportedTask.Data.UpdatedAt);
        Assert.Null(notification.ExternalTaskId);
    }

    [Fact]
    public void Parse_maps_the_failure_message_and_the_external_id()
    {
        var notification = Parse("""{"id":"42","status":"failed","message":"content risk","external_id":"order-7","create_time":"1781080778802","update_time":null}""");

        Assert.Equal(KlingTaskStatus.Failed, notification.TaskStatus);
        Assert.Equal("content risk", notification.ReportedTask.Data.TaskStatusMessage);
        Assert.Equal("order-7", notification.ExternalTaskId);
        Assert.Equal("order-7", notification.ReportedTask.Data.TaskInfo!.ExternalTaskId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781080778802), notification.ReportedTask.Data.CreatedAt);
        Assert.Equal(default, notification.ReportedTask.Data.UpdatedAt);
    }

    [Fact]
    public void Parse_reads_the_console_test_callback()
    {
        var notification = Parse("""{"id":867283741759111202,"status":"submitted","outputs":[],"message":"","create_time":1781080778802,"update_time":1781080778802}""");

        Assert.Equal("867283741759111202", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Submitted, notification.TaskStatus);
    }

    [Fact]
    public void Parse_keeps_outputs_billing_and_unknown_fields_as_additional_properties()
    {
        var notification = Parse("""
            {"id":"9","status":"succeeded","outputs":[{"type":"video","url":"https://cdn.example.com/v.mp4"}],"billing":[{"amount":1}],"shiny":true}
            """);

        var extra = notification.ReportedTask.Data.AdditionalProperties!;
        Assert.Equal("video", extra["outputs"][0].GetProperty("type").GetString());
        Assert.Equal(1, extra["billing"][0].GetProperty("amount").GetInt32());
        Assert.True(extra["shiny"].GetBoolean());
        Assert.Null(notification.ReportedTask.Data.TaskResult); // Outputs are not mapped: the endpoint re-fetches the task.
    }

    [Fact]
    public void Parse_accepts_a_new_standard_body_inside_an_envelope()
    {
        var notification = Parse("""{"code":0,"message":"SUCCEED","data":{"id":"5","status":"processing"}}""");

        Assert.Equal("5", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, notification.TaskStatus);
    }

    [Fact]
    public void Parse_still_reads_a_legacy_body_with_succeed_and_with_succeeded()
    {
        Assert.Equal(KlingTaskStatus.Succeeded, Parse("""{"task_id":"1","task_status":"succeed"}""").TaskStatus);
        Assert.Equal(KlingTaskStatus.Succeeded, Parse("""{"task_id":"1","task_status":"succeeded"}""").TaskStatus);
    }

    [Fact]
    public void A_legacy_task_id_wins_over_an_id_field()
    {
        var notification = Parse("""{"task_id":"legacy","id":"other","task_status":"processing"}""");

        Assert.Equal("legacy", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, notification.TaskStatus);
    }

    [Theory]
    [InlineData("""{"id":"","status":"succeeded"}""", "no task_id")]
    [InlineData("""{"id":null,"status":"succeeded"}""", "no task_id")]
    [InlineData("""{"id":{},"status":"succeeded"}""", "not valid JSON")]
    [InlineData("""{"id":"1","status":[1]}""", "not valid JSON")]
    [InlineData("""{"id":"1","create_time":"yesterday"}""", "not valid JSON")]
    [InlineData("""{"id":"1","create_time":99999999999999999}""", "not valid JSON")]
    public void Parse_rejects_a_malformed_new_standard_body_with_a_clear_message(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
