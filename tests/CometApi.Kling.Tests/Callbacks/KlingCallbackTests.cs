using System.Text;

namespace CometApi.Kling.Tests.Callbacks;

public class KlingCallbackTests
{
    private const string Bare = """
        {"task_id":"867283741759111202","task_status":"succeed","task_status_msg":"","created_at":1722769557708,"updated_at":1722769600000,
         "task_info":{"external_task_id":"order-42"},
         "task_result":{"videos":[{"id":"v-1","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]}}
        """;

    private static KlingCallbackNotification Parse(string json) => KlingCallback.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_reads_the_bare_task_object_Kling_posts()
    {
        var notification = Parse(Bare);

        Assert.Equal("867283741759111202", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, notification.TaskStatus);
        Assert.Equal("order-42", notification.ExternalTaskId);
        Assert.Equal(new Uri("https://cdn.example.com/v.mp4"), notification.ReportedTask.Data.TaskResult!.Videos[0].Url);
        Assert.Equal("Kling callback: task 867283741759111202 reported 'succeed'", notification.ToString());
    }

    [Fact]
    public void Parse_accepts_the_task_inside_an_envelope()
    {
        var notification = Parse($$"""{"code":0,"message":"SUCCEED","request_id":"r","data":{{Bare}}}""");

        Assert.Equal("867283741759111202", notification.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, notification.TaskStatus);
        Assert.Equal("SUCCEED", notification.ReportedTask.Message);
        Assert.Equal("r", notification.ReportedTask.RequestId);
    }

    [Fact]
    public void Parse_gives_the_task_as_the_same_TaskResponse_every_other_call_gives_without_a_kind()
    {
        var notification = Parse(Bare);

        Assert.IsType<TaskResponse>(notification.ReportedTask);
        Assert.Null(notification.ReportedTask.Message);
        Assert.Null(notification.ReportedTask.RequestId);
        Assert.True(notification.ReportedTask.Data.Kind.IsUnspecified);
        Assert.Equal(notification.TaskId, notification.ReportedTask.Data.TaskId);
    }

    [Fact]
    public void Parse_keeps_an_unknown_status_and_a_numeric_task_id()
    {
        var notification = Parse("""{"task_id":867283741759111202,"task_status":"moderating"}""");

        Assert.Equal("867283741759111202", notification.TaskId);
        Assert.Equal("moderating", notification.TaskStatus.ToString());
    }

    [Fact]
    public void Parse_skips_a_byte_order_mark()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"task_id":"1","task_status":"processing"}""")).ToArray();

        Assert.Equal("1", KlingCallback.Parse(body).TaskId);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"task_id\":", "not valid JSON")]
    [InlineData("<html>hi</html>", "not valid JSON")]
    [InlineData("[1,2]", "JSON array, not the task object")]
    [InlineData("\"text\"", "JSON string, not the task object")]
    [InlineData("{\"task_status\":\"succeed\"}", "no task_id")]
    [InlineData("{\"task_id\":\"  \"}", "no task_id")]
    [InlineData("{\"code\":0,\"data\":{\"task_status\":\"succeed\"}}", "no task_id")]
    [InlineData("{\"task_id\":\"1\",\"task_result\":[1]}", "not valid JSON")]
    public void Parse_rejects_a_body_that_is_not_a_task_with_a_clear_message(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("callback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_invalid_UTF8_as_a_format_error()
    {
        var body = Encoding.UTF8.GetBytes("""{"task_id":"1","task_status":"X"}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        Assert.Throws<FormatException>(() => KlingCallback.Parse(body));
    }

    [Fact]
    public async Task ParseAsync_reads_a_stream()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Bare));

        var notification = await KlingCallback.ParseAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal("867283741759111202", notification.TaskId);
    }

    [Fact]
    public async Task ParseAsync_refuses_a_body_over_the_size_limit_without_reading_it_all()
    {
        using var body = new MemoryStream(new byte[KlingCallback.MaxBodyBytes * 4]);

        var error = await Assert.ThrowsAsync<FormatException>(() => KlingCallback.ParseAsync(body, TestContext.Current.CancellationToken));

        Assert.Contains("larger than 1024 KiB", error.Message, StringComparison.Ordinal);
        Assert.True(body.Position <= KlingCallback.MaxBodyBytes + (64 * 1024));
    }

    [Fact]
    public async Task ReadBodyAsync_returns_the_bytes_exactly_as_received_and_refuses_an_oversized_body()
    {
        var bytes = Encoding.UTF8.GetBytes(" " + Bare + "\n");
        using var body = new MemoryStream(bytes);
        using var tooLarge = new MemoryStream(new byte[KlingCallback.MaxBodyBytes + 1]);

        var read = await KlingCallback.ReadBodyAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal(bytes, read.ToArray());
        await Assert.ThrowsAsync<FormatException>(() => KlingCallback.ReadBodyAsync(tooLarge, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ParseAsync_respects_cancellation()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Bare));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KlingCallback.ParseAsync(body, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ParseAsync_rejects_a_null_stream()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => KlingCallback.ParseAsync(null!, TestContext.Current.CancellationToken));
    }
}
