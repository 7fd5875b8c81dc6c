using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateEffectsAsync"/> puts on the wire: the route and the exact body (kling-catalogue §3.5):
/// <c>effect_scene</c>, then <c>input</c> with one image or the two people as raw base64 or URLs, and that
/// <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class EffectsWireTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingImage Url(string name) => KlingImage.FromUrl(new Uri($"https://example.com/{name}.png"));

    /// <summary>A two-person scene with every typed field set.</summary>
    private static EffectsRequest HugRequest() => new()
    {
        EffectScene = KlingEffectScene.Hug,
        Input = new KlingEffectInput
        {
            Images = [Url("left"), Url("right")],
            Duration = KlingDuration.Ten,
            Mode = KlingMode.Standard,
            ModelName = KlingModel.KlingV16,
        },
        CallbackUrl = new Uri("https://example.com/kling/hook"),
    };

    private const string HugBodyBeforeId =
        """{"effect_scene":"hug","input":{"model_name":"kling-v1-6","mode":"std","images":["https://example.com/left.png","https://example.com/right.png"],"duration":"10"},"callback_url":"https://example.com/kling/hook""" + "\"";

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_effects_posts_to_kling_v1_videos_effects_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateEffectsAsync(HugRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/effects", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.Effects, created.Data.Kind);
    }

    [Fact]
    public async Task Create_effects_sends_the_exact_body_of_a_two_person_scene_with_the_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateEffectsAsync(HugRequest(), Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = ExternalId(body);
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal(HugBodyBeforeId + ",\"external_task_id\":\"" + id + "\"}", body);
    }

    [Fact]
    public async Task Create_effects_sends_a_single_image_scene_with_input_image_and_duration_as_a_string()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateEffectsAsync(
            new EffectsRequest { EffectScene = KlingEffectScene.Squish, Input = new KlingEffectInput { Image = Url("cat"), Duration = KlingDuration.Five }, ExternalTaskId = "fx-1" },
            Token);

        Assert.Equal(
            """{"effect_scene":"squish","input":{"image":"https://example.com/cat.png","duration":"5"},"external_task_id":"fx-1"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_effects_omits_every_unset_field()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateEffectsAsync(new EffectsRequest { EffectScene = "expansion", Input = new KlingEffectInput { Image = Url("cat") } }, Token);

        Assert.Equal("""{"effect_scene":"expansion","input":{"image":"https://example.com/cat.png"}}""", Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData(ImageKind.Bytes)]
    [InlineData(ImageKind.Base64)]
    [InlineData(ImageKind.File)]
    [InlineData(ImageKind.SeekableStream)]
    [InlineData(ImageKind.NonSeekableStream)]
    public async Task Create_effects_sends_local_people_as_raw_base64_strings_left_first(ImageKind kind)
    {
        var left = TestImages.Png(640, 480);
        var right = TestImages.Jpeg(400, 500);
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateEffectsAsync(
            new EffectsRequest
            {
                EffectScene = KlingEffectScene.Kiss,
                Input = new KlingEffectInput { Images = [ImageKinds.Make(kind, left, _files), ImageKinds.Make(kind, right, _files)] },
            },
            Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(
            "{\"effect_scene\":\"kiss\",\"input\":{\"images\":[\"" + Convert.ToBase64String(left) + "\",\"" + Convert.ToBase64String(right) + "\"]}}",
            sent.Body);
        Assert.DoesNotContain("data:", sent.Body, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_effects_sends_a_local_single_image_as_raw_base64_without_a_data_prefix()
    {
        var png = TestImages.Png(320, 320);
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateEffectsAsync(
            new EffectsRequest
            {
                EffectScene = KlingEffectScene.Squish,
                Input = new KlingEffectInput { Image = KlingImage.FromBase64("data:image/png;base64," + Convert.ToBase64String(png)) },
            },
            Token);

        Assert.Equal(
            "{\"effect_scene\":\"squish\",\"input\":{\"image\":\"" + Convert.ToBase64String(png) + "\"}}",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_effects_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateEffectsAsync(
            new EffectsRequest
            {
                EffectScene = "new_scene",
                Input = new KlingEffectInput { Image = Url("cat") },
                AdditionalProperties = new Dictionary<string, JsonNode?> { ["watermark_info"] = new JsonObject { ["enabled"] = true } },
            },
            Token);

        Assert.Equal(
            """{"effect_scene":"new_scene","input":{"image":"https://example.com/cat.png"},"watermark_info":{"enabled":true}}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_an_effects_request_is_the_wire_body_without_the_auto_id()
    {
        var (client, handler) = Client();
        var request = HugRequest();

        await client.CreateEffectsAsync(request, Token);

        var wire = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!.AsObject();
        wire.Remove("external_task_id");
        Assert.Equal(wire.ToJsonString(), JsonSerializer.Serialize(request));
        Assert.Equal(HugBodyBeforeId + "}", JsonSerializer.Serialize((KlingTaskRequest)request, typeof(EffectsRequest)));
    }

    [Fact]
    public void JsonSerializer_Serialize_of_an_effects_request_inlines_local_people_as_raw_base64()
    {
        var png = TestImages.Png(320, 320);
        var request = new EffectsRequest { EffectScene = KlingEffectScene.Hug, Input = new KlingEffectInput { Images = [KlingImage.FromBytes(png), Url("right")] } };

        Assert.Equal(
            "{\"effect_scene\":\"hug\",\"input\":{\"images\":[\"" + Convert.ToBase64String(png) + "\",\"https://example.com/right.png\"]}}",
            JsonSerializer.Serialize(request));
    }

    [Fact]
    public void KlingEffectScene_is_a_plain_json_string_that_keeps_unknown_scenes()
    {
        Assert.Equal("\"heart_gesture\"", JsonSerializer.Serialize(KlingEffectScene.HeartGesture));
        Assert.Equal(new KlingEffectScene("hug_pro"), JsonSerializer.Deserialize<KlingEffectScene>("\"hug_pro\""));
    }

    [Fact]
    public void An_effects_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<EffectsRequest>("{\"effect_scene\":\"hug\"}"));
    }
}
