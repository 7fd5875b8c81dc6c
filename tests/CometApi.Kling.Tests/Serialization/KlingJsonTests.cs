using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling.Serialization;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// <see cref="KlingJson"/>, the public entry point to the SDK's JSON: what it writes reads back to the same model and
/// the same JSON, unknown fields and values included.
/// </summary>
public class KlingJsonTests
{
    // In the order KlingJson writes (declared properties, then unknown fields), so a round trip is byte for byte. The typed
    // result lists (videos, images, audios) are never null, so they are always written, empty or not.
    internal const string SucceededTask =
        """{"task_id":"2032273942220931072","task_status":"succeed","task_status_msg":"ok","task_info":{"external_task_id":"order-42","parent_video":{"id":"p","url":"https://cdn.example.com/p.mp4","duration":"5"},"origin":"web"},"task_result":{"videos":[{"id":"v1","url":"https://cdn.example.com/a%20b.mp4?sig=x%2By","watermark_url":"https://cdn.example.com/w.mp4","duration":"5.1","fps":24}],"images":[{"url":"https://cdn.example.com/i.png","label":"cover"}],"audios":[]},"watermark_info":{"enabled":true},"final_unit_deduction":"1.5","created_at":1773366840306,"updated_at":1773366900123,"task_kind":"image2video","future":{"nested":[1,2.50,null,"x"]}}""";

    internal const string SucceededResponse =
        """{"code":0,"message":"SUCCEED","request_id":"req-1","data":""" + SucceededTask + ""","trace":{"region":"sg"}}""";

    [Fact]
    public void A_TaskResponse_round_trips_byte_for_byte()
    {
        var response = KlingJson.Deserialize<TaskResponse>(SucceededResponse);

        Assert.Equal(SucceededResponse, KlingJson.Serialize(response));
    }

    [Fact]
    public void A_TaskData_round_trips_byte_for_byte()
    {
        var task = KlingJson.Deserialize<TaskData>(SucceededTask);

        Assert.Equal(SucceededTask, KlingJson.Serialize(task));
    }

    [Fact]
    public void The_values_read_back_are_the_values_written()
    {
        var written = KlingJson.Deserialize<TaskResponse>(SucceededResponse);

        var read = KlingJson.Deserialize<TaskResponse>(KlingJson.Serialize(written));

        Assert.Equal("req-1", read.RequestId);
        Assert.Equal("SUCCEED", read.Message);
        Assert.Equal("2032273942220931072", read.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, read.Data.TaskStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), read.Data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366900123), read.Data.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, read.Data.UpdatedAt.Offset);
        Assert.Equal("order-42", read.Data.TaskInfo!.ExternalTaskId);
        Assert.Equal("web", read.Data.TaskInfo.AdditionalProperties!["origin"].GetString());
        Assert.Equal("https://cdn.example.com/a%20b.mp4?sig=x%2By", read.Data.TaskResult!.Videos[0].Url!.OriginalString);
        Assert.Equal("5.1", read.Data.TaskResult.Videos[0].Duration);
        Assert.Equal(24, read.Data.TaskResult.Videos[0].AdditionalProperties!["fps"].GetInt32());
        Assert.Equal("https://cdn.example.com/i.png", read.Data.TaskResult.Images[0].Url!.OriginalString);
        Assert.Equal("cover", read.Data.TaskResult.Images[0].AdditionalProperties!["label"].GetString());
        Assert.True(read.Data.WatermarkInfo!.Enabled);
        Assert.Equal("1.5", read.Data.FinalUnitDeduction);
        Assert.Equal("image2video", read.Data.AdditionalProperties!["task_kind"].GetString());
        Assert.Equal("""{"nested":[1,2.50,null,"x"]}""", read.Data.AdditionalProperties["future"].GetRawText());
        Assert.Equal("""{"region":"sg"}""", read.AdditionalProperties!["trace"].GetRawText());
    }

    [Fact]
    public void Unknown_extensible_values_are_kept_with_their_spelling()
    {
        var task = new TaskData { TaskId = "1", TaskStatus = "Queued_For_Review" };

        var read = KlingJson.Deserialize<TaskData>(KlingJson.Serialize(task));

        Assert.Equal("Queued_For_Review", read.TaskStatus.ToString());
        Assert.Equal("\"kling-v9-ultra\"", KlingJson.Serialize<KlingModel>("kling-v9-ultra"));
        Assert.Equal("kling-v9-ultra", KlingJson.Deserialize<KlingModel>("\"kling-v9-ultra\"").ToString());
        Assert.Equal(KlingMode.Pro, KlingJson.Deserialize<KlingMode>("\"pro\""));
        Assert.Equal("\"7\"", KlingJson.Serialize<KlingDuration>("7"));
        Assert.Equal(KlingTaskStatus.Failed, KlingJson.Deserialize<KlingTaskStatus>("\"failed\""u8));
    }

    [Fact]
    public void A_model_built_in_code_round_trips_and_null_properties_are_left_out()
    {
        var built = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData(
            taskId: "860000000000000001",
            status: KlingTaskStatus.Processing,
            createdAt: new DateTimeOffset(2026, 3, 1, 8, 30, 0, 250, TimeSpan.FromHours(8))));

        var json = KlingJson.Serialize(built);
        var read = KlingJson.Deserialize<TaskResponse>(json);

        Assert.Equal(json, KlingJson.Serialize(read));
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Equal(built.Data.CreatedAt, read.Data.CreatedAt);
        Assert.Equal(KlingTaskStatus.Processing, read.Data.TaskStatus);
    }

    [Fact]
    public void Non_ascii_text_reads_back_unchanged()
    {
        var task = new TaskData { TaskId = "1", TaskStatus = KlingTaskStatus.Failed, TaskStatusMessage = "内容风控 🚫 \"quoted\"" };

        Assert.Equal(task.TaskStatusMessage, KlingJson.Deserialize<TaskData>(KlingJson.Serialize(task)).TaskStatusMessage);
    }

    [Fact]
    public void The_UTF8_overloads_match_the_string_overloads()
    {
        var response = KlingJson.Deserialize<TaskResponse>(Encoding.UTF8.GetBytes(SucceededResponse));

        var bytes = KlingJson.SerializeToUtf8Bytes(response);

        Assert.Equal(SucceededResponse, Encoding.UTF8.GetString(bytes));
        Assert.Equal(SucceededResponse, KlingJson.Serialize(KlingJson.Deserialize<TaskResponse>(bytes)));
    }

    [Fact]
    public void A_model_written_into_a_larger_document_follows_the_writer()
    {
        var task = KlingJson.Deserialize<TaskData>("""{"task_id":"1","task_status":"submitted","created_at":1,"updated_at":2}""");
        var buffer = new ArrayBufferWriter<byte>();

        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("stored");
            KlingJson.Serialize(writer, task);
            writer.WriteString("owner", "me");
            writer.WriteEndObject();
        }

        Assert.Equal(
            "{\n  \"stored\": {\n    \"task_id\": \"1\",\n    \"task_status\": \"submitted\",\n    \"created_at\": 1,\n    \"updated_at\": 2\n  },\n  \"owner\": \"me\"\n}",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_request_is_written_exactly_as_the_client_sends_it()
    {
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromBytes(TestImages.Png(320, 320)),
            Prompt = "The cat turns its head",
            ModelName = "kling-v9-ultra",
            Mode = KlingMode.Pro,
            Duration = KlingDuration.Ten,
            ExternalTaskId = "order-42",
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["aspect_ratio"] = "16:9" },
        };

        var json = KlingJson.Serialize(request);

        Assert.Equal(JsonSerializer.Serialize(request, KlingJsonContext.Default.ImageToVideoRequest), json);
        Assert.Equal(json, Encoding.UTF8.GetString(KlingJson.SerializeToUtf8Bytes(request)));
        var body = JsonNode.Parse(json)!;
        Assert.Equal(Convert.ToBase64String(TestImages.Png(320, 320)), body["image"]!.GetValue<string>());
        Assert.Equal("kling-v9-ultra", body["model_name"]!.GetValue<string>());
        Assert.Equal("16:9", body["aspect_ratio"]!.GetValue<string>());
    }

    [Fact]
    public void A_request_is_never_read_back()
    {
        Assert.Throws<NotSupportedException>(() => KlingJson.Deserialize<ImageToVideoRequest>("""{"image":"https://example.com/a.png"}"""));
    }

    [Fact]
    public void A_type_that_is_not_a_model_is_refused_with_a_clear_message()
    {
        var ex = Assert.Throws<NotSupportedException>(() => KlingJson.Serialize(new Version(1, 0)));

        Assert.Contains("System.Version is not one of the SDK's JSON models", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KlingJson.TypeInfoResolver", ex.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => KlingJson.Deserialize<Version>("{}"));
        Assert.Throws<NotSupportedException>(() => KlingJson.GetTypeInfo<KlingClient>());
    }

    [Fact]
    public void Bad_input_is_a_JsonException_and_null_arguments_are_refused()
    {
        Assert.Throws<JsonException>(() => KlingJson.Deserialize<TaskResponse>("null"));
        Assert.Throws<JsonException>(() => KlingJson.Deserialize<TaskData>("null"u8));
        Assert.Throws<JsonException>(() => KlingJson.Deserialize<TaskData>("""{"task_id":"1","created_at":"yesterday"}"""));
        Assert.Throws<JsonException>(() => KlingJson.Deserialize<TaskData>("{"));
        Assert.Throws<ArgumentNullException>("json", () => KlingJson.Deserialize<TaskData>((string)null!));
        Assert.Throws<ArgumentNullException>("writer", () => KlingJson.Serialize(null!, new TaskData()));
    }

    [Fact]
    public void GetTypeInfo_gives_the_SDK_settings_to_any_JsonSerializer_call()
    {
        var typeInfo = KlingJson.GetTypeInfo<TaskResponse>();
        using var stream = new MemoryStream();

        JsonSerializer.Serialize(stream, KlingJson.Deserialize<TaskResponse>(SucceededResponse), typeInfo);

        Assert.Same(typeInfo, KlingJson.GetTypeInfo<TaskResponse>());
        Assert.Equal(SucceededResponse, Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void The_resolver_combines_with_a_user_context_and_gives_the_same_JSON_with_the_same_settings()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(UnrelatedUserContext.Default, KlingJson.TypeInfoResolver),
        };
        var taskInfo = (JsonTypeInfo<TaskResponse>)options.GetTypeInfo(typeof(TaskResponse));

        var read = JsonSerializer.Deserialize(SucceededResponse, taskInfo)!;

        Assert.Equal(SucceededResponse, JsonSerializer.Serialize(read, taskInfo));
        Assert.Equal("""{"note":"n"}""", JsonSerializer.Serialize(new UserNote("n"), options.GetTypeInfo(typeof(UserNote))));
        Assert.Null(KlingJson.TypeInfoResolver.GetTypeInfo(typeof(UserNote), options));
    }
}

/// <summary>A user's own type, in a context that knows nothing of the SDK.</summary>
public sealed record UserNote(string Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserNote))]
internal sealed partial class UnrelatedUserContext : JsonSerializerContext;
