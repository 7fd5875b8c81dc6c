using System.Net;
using System.Text;
using CsCheck;

namespace CometApi.Kling.Tests.Properties;

/// <summary>
/// Whatever bytes a server or a callback sender sends, the SDK answers with a model or its documented exception:
/// <see cref="KlingApiException"/> for responses, <see cref="FormatException"/> for callbacks, never a raw
/// JsonException, InvalidOperationException, IndexOutOfRangeException or the like.
/// </summary>
public class ParserRobustnessProperties
{
    private const string ValidTask =
        """{"code":0,"message":"SUCCEED","request_id":"r","data":{"task_id":"867283741759111202","task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"e"},"final_unit_deduction":"1","task_result":{"videos":[{"id":"v","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]},"created_at":1722769557708,"updated_at":1722769600000}}""";

    private static readonly HttpStatusCode[] Statuses =
        [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway];

    /// <summary>JSON-shaped text: the valid task with a few bytes changed, removed or cut, or a random JSON value.</summary>
    private static readonly Gen<byte[]> Bodies = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Mutated(Encoding.UTF8.GetBytes(ValidTask)),
        RandomJson.Select(Encoding.UTF8.GetBytes),
        RandomJson.Select(json => Encoding.UTF8.GetBytes($$"""{"code":0,"message":"m","data":{{json}}}""")),
        RandomJson.Select(json => Encoding.UTF8.GetBytes($$$"""{"code":0,"data":{"task_id":"1","task_status":{{{json}}},"task_result":{{{json}}},"created_at":{{{json}}}}}""")),
        RandomJson.Select(json => Encoding.UTF8.GetBytes($$"""{"error":{{json}}}""")));

    private static Gen<string> RandomJson => Gen.Recursive<string>((depth, inner) => depth >= 3
        ? Scalar
        : Gen.OneOf(
            Scalar,
            inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"),
            Gen.Select(Key, inner).Array[0, 4].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")));

    private static Gen<string> Key => Gen.OneOf(
        Gen.OneOf<string>("code", "message", "request_id", "data", "task_id", "task_status", "task_result", "videos", "url", "duration", "created_at", "error", "type"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 6]);

    private static Gen<string> Scalar => Gen.OneOf(
        Gen.OneOf<string>("null", "true", "false", "0", "-1", "1e400", "9223372036854775808", "1.5", "\"\"", "\"succeed\"", "\"\\ud800\"", "\"https://x\"", "\"not a url\""),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(s => $"\"{s}\""));

    private static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, 3]).Array[1, 4].Select(edits =>
        {
            var bytes = valid.ToList();
            foreach (var (at, value, kind) in edits)
            {
                var index = Math.Min(at, Math.Max(bytes.Count - 1, 0));
                switch (kind)
                {
                    case 0 when bytes.Count > 0: bytes[index] = value; break;
                    case 1 when bytes.Count > 0: bytes.RemoveAt(index); break;
                    case 2: bytes.Insert(index, value); break;
                    default: bytes = bytes.Take(index).ToList(); break;
                }
            }

            return bytes.ToArray();
        });

    [Fact]
    public void Any_response_body_gives_a_task_or_a_KlingApiException() =>
        Gen.Select(Bodies, Gen.Int[0, Statuses.Length - 1], Gen.Bool).Sample(
            (body, statusIndex, html) =>
            {
                var status = Statuses[statusIndex];
                var handler = new Infrastructure.CapturingHandler(_ => new HttpResponseMessage(status)
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new(html ? "text/html" : "application/json") } },
                });
                // One attempt per body: the property is about reading a response, not about the retry pipeline.
                var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-property", Resilience = { MaxRetryAttempts = 0 } });
                try
                {
                    var task = client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken).GetAwaiter().GetResult();
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.NotNull(task.Data.TaskId);
                }
                catch (KlingApiException error)
                {
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                    Assert.DoesNotContain("sk-property", error.ToString(), StringComparison.Ordinal);
                }
            },
            iter: 5_000);

    [Fact]
    public void Any_callback_body_gives_a_notification_or_a_FormatException() =>
        Bodies.Sample(
            body =>
            {
                try
                {
                    var notification = KlingCallback.Parse(body);
                    Assert.False(string.IsNullOrEmpty(notification.TaskId));
                }
                catch (FormatException error)
                {
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                }
            },
            iter: 5_000);
}
