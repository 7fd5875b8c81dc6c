using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateTextToVideoAsync"/> puts on the wire: the route, the headers and the exact body
/// (kling-catalogue §3.1, §0.2), and that <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class TextToVideoWireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every CometAPI-documented field set.</summary>
    private static TextToVideoRequest FullRequest() => new()
    {
        Prompt = "A red fox runs through fresh snow at dawn",
        NegativePrompt = "blurry, low quality",
        ModelName = KlingModel.KlingV16,
        AspectRatio = KlingAspectRatio.Portrait9x16,
        Mode = KlingMode.Pro,
        Duration = KlingDuration.Five,
        CfgScale = 0.5,
        CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Zoom = 5 } },
        CallbackUrl = new Uri("https://example.com/kling/hook?order=42"),
    };

    private const string FullBodyBeforeId =
        """{"prompt":"A red fox runs through fresh snow at dawn","negative_prompt":"blurry, low quality","model_name":"kling-v1-6","aspect_ratio":"9:16","mode":"pro","duration":"5","cfg_scale":0.5,"camera_control":{"type":"simple","config":{"zoom":5}},"callback_url":"https://example.com/kling/hook?order=42""" + "\"";

    /// <summary>The official-only fields (sound, voices, multi-shot, watermark) with the caller's own external id.</summary>
    private static TextToVideoRequest OfficialRequest() => new()
    {
        Prompt = "The fox says <<<voice_1>>> hello & goodbye",
        ModelName = KlingModel.KlingV26,
        Duration = KlingDuration.Ten,
        ExternalTaskId = "order-42",
        Sound = KlingSound.On,
        Voices = [new KlingVoice { VoiceId = "voice-123" }],
        MultiShot = true,
        ShotType = KlingShotType.Customize,
        Shots =
        [
            new KlingShot { Index = 1, Prompt = "the fox wakes", Duration = KlingDuration.FromSeconds(4) },
            new KlingShot { Index = 2, Prompt = "the fox runs", Duration = KlingDuration.FromSeconds(6) },
        ],
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
    };

    private const string OfficialBody =
        """{"prompt":"The fox says <<<voice_1>>> hello & goodbye","model_name":"kling-v2-6","duration":"10","external_task_id":"order-42","sound":"on","voice_list":[{"voice_id":"voice-123"}],"multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"the fox wakes","duration":"4"},{"index":2,"prompt":"the fox runs","duration":"6"}],"watermark_info":{"enabled":true}}""";

    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_text2video_posts_to_kling_v1_videos_text2video_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        await client.CreateTextToVideoAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/text2video", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_text2video_keeps_the_path_of_a_base_address()
    {
        var (client, handler) = Client(options => options.BaseAddress = new Uri("https://proxy.example.com/comet"));

        await client.CreateTextToVideoAsync(FullRequest(), Token);

        Assert.Equal("https://proxy.example.com/comet/kling/v1/videos/text2video", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Create_text2video_sends_the_exact_body_of_a_full_request_with_the_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateTextToVideoAsync(FullRequest(), Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = ExternalId(body);
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal(FullBodyBeforeId + ",\"external_task_id\":\"" + id + "\"}", body);
    }

    [Fact]
    public async Task Create_text2video_writes_duration_as_a_string_cfg_scale_as_a_number_and_camera_control_as_an_object()
    {
        var (client, handler) = Client();

        await client.CreateTextToVideoAsync(FullRequest(), Token);

        var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("duration").ValueKind);
        Assert.Equal("5", body.GetProperty("duration").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("cfg_scale").ValueKind);
        Assert.Equal(0.5, body.GetProperty("cfg_scale").GetDouble());
        Assert.Equal(JsonValueKind.String, body.GetProperty("aspect_ratio").ValueKind);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("camera_control").ValueKind);
        Assert.Equal(["type", "config"], body.GetProperty("camera_control").EnumerateObject().Select(property => property.Name));
        Assert.Equal(["zoom"], body.GetProperty("camera_control").GetProperty("config").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Create_text2video_omits_every_unset_field()
    {
        var (client, handler) = Client();

        await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal("{\"prompt\":\"a fox\",\"external_task_id\":\"" + ExternalId(body) + "\"}", body);
    }

    [Fact]
    public async Task Create_text2video_without_auto_external_task_id_sends_no_external_task_id()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "a fox" }, Token);

        Assert.Equal("{\"prompt\":\"a fox\"}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_text2video_uses_a_fresh_auto_external_task_id_for_each_call()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateTextToVideoAsync(request, Token);
        await client.CreateTextToVideoAsync(request, Token);

        Assert.Equal(2, handler.Requests.Count);
        var ids = handler.Requests.Select(sent => ExternalId(sent.Body!)).ToArray();
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Null(request.ExternalTaskId);
    }

    [Fact]
    public async Task Create_text2video_sends_the_requests_own_external_task_id_and_the_official_fields_exactly()
    {
        var (client, handler) = Client();

        await client.CreateTextToVideoAsync(OfficialRequest(), Token);
        await client.CreateTextToVideoAsync(OfficialRequest(), Token);

        Assert.All(handler.Requests, sent => Assert.Equal(OfficialBody, sent.Body));
    }

    [Fact]
    public async Task Create_text2video_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateTextToVideoAsync(
            new TextToVideoRequest
            {
                Prompt = "a fox",
                AdditionalProperties = new Dictionary<string, JsonNode?> { ["resolution"] = "1080p", ["seed"] = 7 },
            },
            Token);

        Assert.Equal("{\"prompt\":\"a fox\",\"resolution\":\"1080p\",\"seed\":7}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_text2video_request_is_the_wire_body_without_the_auto_id()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateTextToVideoAsync(request, Token);

        var wire = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!.AsObject();
        wire.Remove("external_task_id");
        Assert.Equal(wire.ToJsonString(), JsonSerializer.Serialize(request));
        Assert.Equal(FullBodyBeforeId + "}", JsonSerializer.Serialize(request));
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_text2video_request_with_its_own_id_is_the_wire_body()
    {
        var (client, handler) = Client();
        var request = OfficialRequest();

        await client.CreateTextToVideoAsync(request, Token);

        // The same JSON; only the escaping of '<', '>' and '&' differs between the default encoder and the wire's.
        var serialized = JsonSerializer.Serialize(request);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Assert.Single(handler.Requests).Body!), JsonNode.Parse(serialized)), serialized);
        Assert.Equal(OfficialBody, JsonSerializer.Serialize(request, RelaxedEscaping));
    }

    [Fact]
    public void JsonSerializer_Serialize_of_a_text2video_request_as_its_base_type_writes_the_same_body()
    {
        KlingTaskRequest request = FullRequest();

        Assert.Equal(FullBodyBeforeId + "}", JsonSerializer.Serialize(request, request.GetType()));
        Assert.Equal(FullBodyBeforeId + "}", JsonSerializer.Serialize((TextToVideoRequest)request));
    }

    [Fact]
    public void A_text2video_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<TextToVideoRequest>("{\"prompt\":\"a fox\"}"));
    }
}
