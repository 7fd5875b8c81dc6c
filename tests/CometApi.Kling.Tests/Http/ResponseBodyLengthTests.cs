using System.Net;
using System.Text;

namespace CometApi.Kling.Tests.Http;

/// <summary>
/// An answer is read straight into an array of its declared length: a body that comes in pieces, one that is shorter
/// or longer than it said, and one that never ends after its declared length are all read as before (whole, or refused
/// past 8 MiB).
/// </summary>
public class ResponseBodyLengthTests
{
    private const string TaskBody =
        """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"867","task_status":"processing","task_info":{},"created_at":1,"updated_at":2}}""";

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Body_that_arrives_a_byte_at_a_time_is_read_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(TaskBody);

        var task = await QueryAsync(new Trickle(bytes), declaredLength: bytes.Length);

        Assert.Equal("867", task.Data.TaskId);
    }

    [Fact]
    public async Task Body_longer_than_its_declared_length_is_read_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(TaskBody);

        var task = await QueryAsync(new MemoryStream(bytes), declaredLength: 10);

        Assert.Equal("867", task.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, task.Data.TaskStatus);
    }

    [Fact]
    public async Task Body_shorter_than_its_declared_length_is_read_as_far_as_it_goes()
    {
        var bytes = Encoding.UTF8.GetBytes(TaskBody + "   ");

        var task = await QueryAsync(new MemoryStream(bytes), declaredLength: bytes.Length + 100);

        Assert.Equal("867", task.Data.TaskId);
    }

    [Fact]
    public async Task Body_that_goes_on_past_its_declared_length_is_refused_after_8_MiB()
    {
        var endless = new Endless();

        var error = await Assert.ThrowsAsync<KlingApiException>(() => QueryAsync(endless, declaredLength: 1000));

        Assert.Contains("8 MiB", error.Message, StringComparison.Ordinal);
        Assert.InRange(endless.BytesRead, 8 * 1024 * 1024, (8 * 1024 * 1024) + (1024 * 1024));
    }

    private static Task<TaskResponse> QueryAsync(Stream body, long declaredLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentLength = declaredLength;
        var client = new KlingClient(
            new HttpClient(new Answer(content)),
            new KlingClientOptions { ApiKey = "sk-body", BaseAddress = new Uri("https://api.example.test/") });
        return client.GetTaskAsync(KlingTaskKind.TextToVideo, "867", TestToken);
    }

    private sealed class Answer(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    /// <summary>Gives one byte per read.</summary>
    private sealed class Trickle(byte[] body) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }

    /// <summary>Spaces for ever (valid JSON whitespace, so only the size limit can stop it).</summary>
    private sealed class Endless : Stream
    {
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            Interlocked.Add(ref _bytesRead, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
