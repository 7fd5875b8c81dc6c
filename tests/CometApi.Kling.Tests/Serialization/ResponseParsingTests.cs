using System.Net;
using System.Text.Json;
using CometApi.Kling.Serialization;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// Parsing of successful responses, fed through <see cref="KlingClient"/> as literal JSON: the documented CometAPI and
/// Kling examples, result videos, unknown fields and statuses, and the loose typing proxies are known to use.
/// </summary>
public class ResponseParsingTests
{
    private const string TaskUrlPattern = "https://api.example.test/kling/v1/videos/image2video/*";
    private const string CreateUrl = "https://api.example.test/kling/v1/videos/image2video";
    private const string ListUrl = "https://api.example.test/kling/v1/videos/image2video?pageNum=1&pageSize=30";

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    // ---------------------------------------------------------------- documented examples

    [Fact]
    public async Task Create_parses_cometapi_documented_example()
    {
        const string body =
            """{"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}""";

        var response = await CreateAsync(body);

        Assert.Equal(0, response.Code);
        Assert.Equal("success", response.Message);
        Assert.Null(response.RequestId);
        Assert.Equal("2032273942220931072", response.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Submitted, response.Data.TaskStatus);
        Assert.Equal("submitted", response.Data.TaskStatus.ToString());
        Assert.False(response.Data.TaskStatus.IsTerminal);
        Assert.NotNull(response.Data.TaskInfo);
        Assert.Null(response.Data.TaskInfo.ExternalTaskId);
        Assert.Null(response.Data.TaskInfo.ParentVideo);
        Assert.Null(response.Data.TaskStatusMessage);
        Assert.Null(response.Data.FinalUnitDeduction);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), response.Data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), response.Data.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, response.Data.CreatedAt.Offset);
    }

    [Fact]
    public async Task Query_parses_cometapi_processing_example_with_empty_task_result()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","request_id":"9ab376fc-9059-487f-9e2a-c9c89f1a344f","data":{"task_id":"878106242831892487","task_info":{},"created_at":1777385361501,"updated_at":1777385363321,"task_result":{},"task_status":"processing"}}""";

        var response = await QueryAsync(body);

        Assert.Equal(0, response.Code);
        Assert.Equal("SUCCEED", response.Message);
        Assert.Equal("9ab376fc-9059-487f-9e2a-c9c89f1a344f", response.RequestId);
        Assert.Equal("878106242831892487", response.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Processing, response.Data.TaskStatus);
        Assert.False(response.Data.TaskStatus.IsTerminal);
        Assert.NotNull(response.Data.TaskResult);
        Assert.NotNull(response.Data.TaskResult.Videos);
        Assert.Empty(response.Data.TaskResult.Videos);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1777385361501), response.Data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1777385363321), response.Data.UpdatedAt);
    }

    [Fact]
    public async Task Query_parses_succeeded_task_with_videos_and_billing()
    {
        const string body = """
            {
              "code": 0,
              "message": "SUCCEED",
              "request_id": "5c3ea1f0-0000-4000-8000-000000000001",
              "data": {
                "task_id": "867283741759111202",
                "task_status": "succeed",
                "task_status_msg": "",
                "watermark_info": { "enabled": true },
                "task_info": { "external_task_id": "order-42" },
                "task_result": {
                  "videos": [
                    {
                      "id": "a1b2c3d4-video",
                      "url": "https://cdn.example.test/kling/videos/a1b2c3d4.mp4?sig=abc",
                      "watermark_url": "https://cdn.example.test/kling/videos/a1b2c3d4-wm.mp4",
                      "duration": "5.1"
                    },
                    {
                      "id": "e5f6-video",
                      "url": "https://cdn.example.test/kling/videos/e5f6.mp4",
                      "duration": "10.0"
                    }
                  ]
                },
                "final_unit_deduction": "2.5",
                "created_at": 1722769557708,
                "updated_at": 1722769617708
              }
            }
            """;

        var response = await QueryAsync(body);
        var data = response.Data;

        Assert.Equal(KlingTaskStatus.Succeeded, data.TaskStatus);
        Assert.True(data.TaskStatus.IsTerminal);
        Assert.Equal(string.Empty, data.TaskStatusMessage);
        Assert.Equal("2.5", data.FinalUnitDeduction);
        Assert.Equal("order-42", data.TaskInfo?.ExternalTaskId);
        Assert.True(data.WatermarkInfo?.Enabled);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722769557708), data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722769617708), data.UpdatedAt);

        Assert.NotNull(data.TaskResult);
        Assert.Collection(
            data.TaskResult.Videos,
            first =>
            {
                Assert.Equal("a1b2c3d4-video", first.Id);
                Assert.Equal(new Uri("https://cdn.example.test/kling/videos/a1b2c3d4.mp4?sig=abc"), first.Url);
                Assert.True(first.Url!.IsAbsoluteUri);
                Assert.Equal("sig=abc", first.Url.Query.TrimStart('?'));
                Assert.Equal(new Uri("https://cdn.example.test/kling/videos/a1b2c3d4-wm.mp4"), first.WatermarkUrl);
                Assert.Equal("5.1", first.Duration);
            },
            second =>
            {
                Assert.Equal("e5f6-video", second.Id);
                Assert.Equal(new Uri("https://cdn.example.test/kling/videos/e5f6.mp4"), second.Url);
                Assert.Null(second.WatermarkUrl);
                Assert.Equal("10.0", second.Duration);
            });
    }

    [Fact]
    public async Task Query_parses_failed_task_with_status_message()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","request_id":"r-failed","data":{"task_id":"867283741759111203","task_status":"failed","task_status_msg":"Failure to pass the risk control system","task_info":{"external_task_id":"order-43"},"task_result":{},"created_at":1722769557708,"updated_at":1722769560000}}""";

        var response = await QueryAsync(body);

        Assert.Equal(KlingTaskStatus.Failed, response.Data.TaskStatus);
        Assert.True(response.Data.TaskStatus.IsTerminal);
        Assert.Equal("Failure to pass the risk control system", response.Data.TaskStatusMessage);
        Assert.Equal("order-43", response.Data.TaskInfo?.ExternalTaskId);
        Assert.Empty(response.Data.TaskResult!.Videos);
    }

    [Fact]
    public async Task Query_parses_parent_video_of_video_extension_task()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"processing","task_info":{"parent_video":{"id":"parent-1","url":"https://cdn.example.test/p.mp4","duration":"5"}}}}""";

        var response = await QueryAsync(body);

        var parent = response.Data.TaskInfo?.ParentVideo;
        Assert.NotNull(parent);
        Assert.Equal("parent-1", parent.Id);
        Assert.Equal(new Uri("https://cdn.example.test/p.mp4"), parent.Url);
        Assert.Equal("5", parent.Duration);
    }

    [Fact]
    public void Callback_body_parses_as_bare_task_data()
    {
        // Kling POSTs the task itself to callback_url, without the {code, message, data} envelope.
        const string body =
            """{"task_id":"867283741759111202","task_status":"succeed","task_status_msg":"","created_at":1722769557708,"updated_at":1722769617708,"final_unit_deduction":"1","task_info":{"external_task_id":"order-42"},"task_result":{"videos":[{"id":"v1","url":"https://cdn.example.test/v1.mp4","duration":"5.1"}]}}""";

        var data = JsonSerializer.Deserialize(body, KlingJsonContext.Default.TaskData);

        Assert.NotNull(data);
        Assert.Equal("867283741759111202", data.TaskId);
        Assert.Equal(KlingTaskStatus.Succeeded, data.TaskStatus);
        Assert.Equal("order-42", data.TaskInfo?.ExternalTaskId);
        var video = Assert.Single(data.TaskResult!.Videos);
        Assert.Equal(new Uri("https://cdn.example.test/v1.mp4"), video.Url);
        Assert.Equal("5.1", video.Duration);
    }

    // ---------------------------------------------------------------- unknown fields and statuses

    [Fact]
    public async Task Query_keeps_unknown_fields_at_every_level()
    {
        const string body = """
            {
              "code": 0,
              "message": "SUCCEED",
              "request_id": "r-extra",
              "trace_id": "trace-123",
              "data": {
                "task_id": "867283741759111202",
                "task_status": "succeed",
                "queue_position": 3,
                "task_info": {
                  "external_task_id": "order-42",
                  "origin": "cometapi",
                  "parent_video": { "id": "p1", "url": "https://cdn.example.test/p1.mp4", "duration": "5", "resolution": "1080p" }
                },
                "task_result": {
                  "videos": [
                    { "id": "v1", "url": "https://cdn.example.test/v1.mp4", "duration": "5.1", "cover_url": "https://cdn.example.test/v1.jpg", "fps": 30 }
                  ],
                  "images": [ { "index": 0, "url": "https://cdn.example.test/i0.png", "width": 1024 } ],
                  "thumbnails": [ { "url": "https://cdn.example.test/t0.jpg" } ]
                },
                "created_at": 1722769557708,
                "updated_at": 1722769557708
              }
            }
            """;

        var response = await QueryAsync(body);

        Assert.Equal("trace-123", Extra(response.AdditionalProperties, "trace_id").GetString());
        Assert.False(response.AdditionalProperties!.ContainsKey("data"));
        Assert.False(response.AdditionalProperties.ContainsKey("code"));

        var data = response.Data;
        Assert.Equal(3, Extra(data.AdditionalProperties, "queue_position").GetInt32());
        Assert.False(data.AdditionalProperties!.ContainsKey("task_id"));

        Assert.Equal("cometapi", Extra(data.TaskInfo!.AdditionalProperties, "origin").GetString());
        Assert.Equal("order-42", data.TaskInfo.ExternalTaskId);
        Assert.Equal("1080p", Extra(data.TaskInfo.ParentVideo!.AdditionalProperties, "resolution").GetString());

        // task_result.images is a typed field now (TaskResult.Images); an image keeps its own unknown fields, and a field
        // task_result does not know (thumbnails) is kept at that level.
        var thumbnails = Extra(data.TaskResult!.AdditionalProperties, "thumbnails");
        Assert.Equal(JsonValueKind.Array, thumbnails.ValueKind);
        Assert.Equal("https://cdn.example.test/t0.jpg", thumbnails[0].GetProperty("url").GetString());
        Assert.False(data.TaskResult.AdditionalProperties!.ContainsKey("images"));
        var image = Assert.Single(data.TaskResult.Images);
        Assert.Equal(0, image.Index);
        Assert.Equal(new Uri("https://cdn.example.test/i0.png"), image.Url);
        Assert.Equal(1024, Extra(image.AdditionalProperties, "width").GetInt32());

        var video = Assert.Single(data.TaskResult.Videos);
        Assert.Equal("https://cdn.example.test/v1.jpg", Extra(video.AdditionalProperties, "cover_url").GetString());
        Assert.Equal(30, Extra(video.AdditionalProperties, "fps").GetInt32());
        Assert.Equal("5.1", video.Duration);
    }

    [Fact]
    public async Task List_keeps_unknown_fields_of_the_items()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","request_id":"r-list","total":57,"data":[{"task_id":"1","task_status":"submitted","priority":"high"}]}""";

        var tasks = await ListAsync(body);

        var task = Assert.Single(tasks);
        Assert.Equal("high", Extra(task.Data.AdditionalProperties, "priority").GetString());
        Assert.Null(task.AdditionalProperties); // The page's own fields ("total") belong to no one task.
    }

    [Fact]
    public async Task Query_preserves_unknown_task_status()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","data":{"task_id":"867283741759111202","task_status":"queued_for_review","created_at":1722769557708,"updated_at":1722769557708}}""";

        var response = await QueryAsync(body);
        var status = response.Data.TaskStatus;

        Assert.Equal("queued_for_review", status.ToString());
        Assert.False(status.IsTerminal);
        Assert.NotEqual(KlingTaskStatus.Submitted, status);
        Assert.NotEqual(KlingTaskStatus.Processing, status);
        Assert.NotEqual(KlingTaskStatus.Succeeded, status);
        Assert.NotEqual(KlingTaskStatus.Failed, status);
        Assert.True(status == new KlingTaskStatus("queued_for_review"));
        Assert.True(status != KlingTaskStatus.Processing);
    }

    [Theory]
    [InlineData("SUCCEED")]
    [InlineData("Succeed")]
    public async Task Query_matches_known_status_regardless_of_case(string wire)
    {
        var response = await QueryAsync(
            $$$"""{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"{{{wire}}}"}}""");

        Assert.Equal(KlingTaskStatus.Succeeded, response.Data.TaskStatus);
        Assert.True(response.Data.TaskStatus.IsTerminal);
        Assert.Equal(wire, response.Data.TaskStatus.ToString());
    }

    // ---------------------------------------------------------------- tolerance for loosely typed proxies

    [Fact]
    public async Task Query_keeps_all_18_digits_of_task_id_sent_as_number()
    {
        const string body =
            """{"code":0,"message":"SUCCEED","data":{"task_id":867283741759111202,"task_status":"processing"}}""";

        var response = await QueryAsync(body);

        // 867283741759111202 is not representable as a double (it would read back as ...111200).
        Assert.Equal("867283741759111202", response.Data.TaskId);
    }

    [Fact]
    public async Task Create_keeps_task_id_sent_as_number()
    {
        var response = await CreateAsync(
            """{"code":0,"message":"success","data":{"task_id":2032273942220931072,"task_status":"submitted"}}""");

        Assert.Equal("2032273942220931072", response.Data.TaskId);
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("5.1", "5.1")]
    [InlineData("10.00", "10.00")]
    public async Task Query_reads_video_duration_sent_as_number(string json, string expected)
    {
        var response = await QueryAsync(
            $$$$"""{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"succeed","task_result":{"videos":[{"id":"v","url":"https://cdn.example.test/v.mp4","duration":{{{{json}}}}}]}}}""");

        Assert.Equal(expected, Assert.Single(response.Data.TaskResult!.Videos).Duration);
    }

    [Fact]
    public async Task Query_reads_numeric_video_id_and_unit_deduction_as_text()
    {
        var response = await QueryAsync(
            """{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"succeed","final_unit_deduction":1.5,"task_result":{"videos":[{"id":867283741759111999,"url":"https://cdn.example.test/v.mp4"}]}}}""");

        Assert.Equal("1.5", response.Data.FinalUnitDeduction);
        Assert.Equal("867283741759111999", Assert.Single(response.Data.TaskResult!.Videos).Id);
    }

    [Fact]
    public async Task Query_reads_code_sent_as_string()
    {
        var response = await QueryAsync(
            """{"code":"0","message":"SUCCEED","data":{"task_id":"1","task_status":"processing"}}""");

        Assert.Equal(0, response.Code);
        Assert.Equal("1", response.Data.TaskId);
    }

    [Fact]
    public async Task Query_reads_timestamps_sent_as_numeric_strings()
    {
        var response = await QueryAsync(
            """{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"processing","created_at":"1773366840306","updated_at":"1773366845306"}}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), response.Data.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366845306), response.Data.UpdatedAt);
    }

    [Fact]
    public async Task Query_reads_null_optional_objects_as_null()
    {
        var response = await QueryAsync(
            """{"code":0,"message":"SUCCEED","request_id":null,"data":{"task_id":"1","task_status":"submitted","task_status_msg":null,"task_info":null,"task_result":null,"watermark_info":null,"final_unit_deduction":null,"created_at":null}}""");

        Assert.Null(response.RequestId);
        Assert.Null(response.Data.TaskStatusMessage);
        Assert.Null(response.Data.TaskInfo);
        Assert.Null(response.Data.TaskResult);
        Assert.Null(response.Data.WatermarkInfo);
        Assert.Null(response.Data.FinalUnitDeduction);
        Assert.Equal(default, response.Data.CreatedAt);
    }

    [Fact]
    public async Task Query_reads_null_videos_as_empty_list()
    {
        // Go-based gateways serialise an empty slice as null.
        var response = await QueryAsync(
            """{"code":0,"message":"SUCCEED","data":{"task_id":"1","task_status":"processing","task_result":{"videos":null}}}""");

        Assert.NotNull(response.Data.TaskResult!.Videos);
        Assert.Empty(response.Data.TaskResult.Videos);
    }

    // ---------------------------------------------------------------- list pages

    [Fact]
    public async Task List_parses_page_of_tasks()
    {
        const string body = """
            {
              "code": 0,
              "message": "SUCCEED",
              "request_id": "r-page",
              "data": [
                { "task_id": "867283741759111202", "task_status": "succeed", "task_info": { "external_task_id": "order-42" },
                  "task_result": { "videos": [ { "id": "v1", "url": "https://cdn.example.test/v1.mp4", "duration": "5.1" } ] },
                  "final_unit_deduction": "1", "created_at": 1722769557708, "updated_at": 1722769617708 },
                { "task_id": "867283741759111203", "task_status": "processing", "task_info": {}, "task_result": {},
                  "created_at": 1722769657708, "updated_at": 1722769657708 }
              ]
            }
            """;

        var tasks = await ListAsync(body);

        Assert.All(tasks, task => Assert.Equal((0, "SUCCEED", "r-page"), (task.Code, task.Message, task.RequestId)));
        Assert.Collection(
            tasks.Select(task => task.Data),
            first =>
            {
                Assert.Equal("867283741759111202", first.TaskId);
                Assert.Equal(KlingTaskStatus.Succeeded, first.TaskStatus);
                Assert.Equal("order-42", first.TaskInfo?.ExternalTaskId);
                Assert.Equal(new Uri("https://cdn.example.test/v1.mp4"), Assert.Single(first.TaskResult!.Videos).Url);
                Assert.Equal("1", first.FinalUnitDeduction);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722769557708), first.CreatedAt);
            },
            second =>
            {
                Assert.Equal("867283741759111203", second.TaskId);
                Assert.Equal(KlingTaskStatus.Processing, second.TaskStatus);
                Assert.Empty(second.TaskResult!.Videos);
            });
    }

    [Fact]
    public async Task List_parses_empty_page()
    {
        var tasks = await ListAsync("""{"code":0,"message":"SUCCEED","request_id":"r-empty","data":[]}""");

        Assert.Empty(tasks);
    }

    [Fact]
    public async Task List_enumeration_of_empty_page_yields_nothing()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var request = mockHttp.When(HttpMethod.Get, ListUrl).Respond("application/json", """{"code":0,"message":"SUCCEED","data":[]}""");
        var client = CreateClient(mockHttp);

        var tasks = new List<TaskResponse>();
        await foreach (var task in client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken))
        {
            tasks.Add(task);
        }

        Assert.Empty(tasks);
        Assert.Equal(1, mockHttp.GetMatchCount(request));
    }

    // ---------------------------------------------------------------- helpers

    private static JsonElement Extra(IDictionary<string, JsonElement>? additionalProperties, string key)
    {
        Assert.NotNull(additionalProperties);
        Assert.True(additionalProperties.TryGetValue(key, out var value), $"'{key}' is not in AdditionalProperties.");
        return value;
    }

    private static KlingClient CreateClient(MockHttpMessageHandler mockHttp) => new(
        mockHttp.ToHttpClient(),
        new KlingClientOptions { ApiKey = "sk-test-secret", BaseAddress = new Uri("https://api.example.test/") });

    private static async Task<TaskResponse> QueryAsync(string body)
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, TaskUrlPattern).Respond(HttpStatusCode.OK, "application/json", body);
        var client = CreateClient(mockHttp);
        return await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "867283741759111202", TestToken);
    }

    private static async Task<TaskResponse> CreateAsync(string body)
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Post, CreateUrl).Respond(HttpStatusCode.OK, "application/json", body);
        var client = CreateClient(mockHttp);
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(new Uri("https://images.example.test/cat.png")),
            Prompt = "a cat walks",
        };
        return await client.CreateImageToVideoAsync(request, TestToken);
    }

    private static async Task<List<TaskResponse>> ListAsync(string body)
    {
        using var mockHttp = new MockHttpMessageHandler();
        mockHttp.When(HttpMethod.Get, ListUrl).Respond(HttpStatusCode.OK, "application/json", body);
        var client = CreateClient(mockHttp);
        return await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestToken).ToListAsync(TestToken);
    }
}
