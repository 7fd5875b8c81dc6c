using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateOmniVideoAsync"/> puts on the wire (kling-catalogue §3.9): the route, the exact
/// body with its nested lists, local images as raw base64 under <c>image_url</c>, and the exactly-once external id.
/// </summary>
public sealed class OmniVideoWireTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    /// <summary>Every documented field set, URL media only.</summary>
    private static OmniVideoRequest FullRequest() => new()
    {
        ModelName = KlingModel.KlingVideoO1,
        Prompt = "<<<image_1>>> walks into <<<video_1>>> & waves",
        Images =
        [
            new KlingOmniImage { Image = KlingImage.FromUrl(new Uri("https://example.com/person.png")) },
            new KlingOmniImage { Image = KlingImage.FromUrl(new Uri("https://example.com/start.jpg")), Type = KlingOmniImageType.FirstFrame },
        ],
        Elements = [new KlingElement { ElementId = 161 }],
        Videos = [new KlingReferenceVideo { VideoUrl = new Uri("https://example.com/clip.mp4"), ReferenceType = KlingVideoReferenceType.Feature, KeepOriginalSound = false }],
        Mode = KlingMode.Pro,
        AspectRatio = KlingAspectRatio.Landscape16x9,
        Duration = KlingDuration.FromSeconds(7),
        Sound = KlingSound.Off,
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
        CallbackUrl = new Uri("https://example.com/kling/hook"),
        ExternalTaskId = "order-42",
    };

    private const string FullBody =
        """{"model_name":"kling-video-o1","prompt":"<<<image_1>>> walks into <<<video_1>>> & waves","image_list":[{"image_url":"https://example.com/person.png"},{"image_url":"https://example.com/start.jpg","type":"first_frame"}],"element_list":[{"element_id":161}],"video_list":[{"video_url":"https://example.com/clip.mp4","refer_type":"feature","keep_original_sound":"no"}],"mode":"pro","aspect_ratio":"16:9","duration":"7","sound":"off","watermark_info":{"enabled":true},"callback_url":"https://example.com/kling/hook","external_task_id":"order-42"}""";

    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_omni_video_posts_to_kling_v1_videos_omni_video_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateOmniVideoAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/omni-video", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.OmniVideo, created.Data.Kind);
    }

    [Fact]
    public async Task Create_omni_video_sends_the_exact_body_of_a_full_request()
    {
        var (client, handler) = Client();

        await client.CreateOmniVideoAsync(FullRequest(), Token);
        await client.CreateOmniVideoAsync(FullRequest(), Token);

        Assert.All(handler.Requests, sent => Assert.Equal(FullBody, sent.Body));
    }

    [Fact]
    public async Task Create_omni_video_omits_every_unset_field_and_adds_the_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateOmniVideoAsync(new OmniVideoRequest { Prompt = "a fox", AspectRatio = KlingAspectRatio.Square1x1 }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = ExternalId(body);
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal("{\"prompt\":\"a fox\",\"aspect_ratio\":\"1:1\",\"external_task_id\":\"" + id + "\"}", body);
    }

    [Fact]
    public async Task Create_omni_video_writes_a_plain_reference_without_type_and_each_video_field_only_when_set()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateOmniVideoAsync(
            new OmniVideoRequest
            {
                Prompt = "edit <<<video_1>>>",
                Images = [new KlingOmniImage { Image = KlingImage.FromUrl(new Uri("https://example.com/hat.png")) }],
                Videos = [new KlingReferenceVideo { VideoUrl = new Uri("https://example.com/base.mov"), ReferenceType = KlingVideoReferenceType.Base, KeepOriginalSound = true }],
            },
            Token);
        await client.CreateOmniVideoAsync(
            new OmniVideoRequest { Prompt = "p", AspectRatio = "9:16", Videos = [new KlingReferenceVideo { VideoUrl = new Uri("https://example.com/clip.mp4") }] },
            Token);

        Assert.Equal(
            """{"prompt":"edit <<<video_1>>>","image_list":[{"image_url":"https://example.com/hat.png"}],"video_list":[{"video_url":"https://example.com/base.mov","refer_type":"base","keep_original_sound":"yes"}]}""",
            handler.Requests[0].Body);
        Assert.Equal("""{"prompt":"p","video_list":[{"video_url":"https://example.com/clip.mp4"}],"aspect_ratio":"9:16"}""", handler.Requests[1].Body);
    }

    [Fact]
    public async Task Create_omni_video_sends_local_images_as_raw_base64_under_image_url_never_a_data_uri()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var png = TestImages.Png(400, 400);
        var jpeg = TestImages.Jpeg(640, 360);
        var file = _files.Write(jpeg, "frame.jpg");

        await client.CreateOmniVideoAsync(
            new OmniVideoRequest
            {
                Prompt = "<<<image_1>>> dances",
                Images =
                [
                    new KlingOmniImage { Image = KlingImage.FromBytes(png) },
                    new KlingOmniImage { Image = KlingImage.FromFile(file), Type = KlingOmniImageType.FirstFrame },
                    new KlingOmniImage { Image = KlingImage.FromBase64("data:image/png;base64," + Convert.ToBase64String(png)), Type = KlingOmniImageType.EndFrame },
                ],
            },
            Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
        var images = JsonNode.Parse(body)!["image_list"]!.AsArray();
        Assert.Equal(Convert.ToBase64String(png), (string?)images[0]!["image_url"]);
        Assert.Null(images[0]!["type"]);
        Assert.Equal(Convert.ToBase64String(jpeg), (string?)images[1]!["image_url"]);
        Assert.Equal("first_frame", (string?)images[1]!["type"]);
        Assert.Equal(Convert.ToBase64String(png), (string?)images[2]!["image_url"]);
        Assert.Equal("end_frame", (string?)images[2]!["type"]);
        Assert.Equal(["image_url", "type"], images[1]!.AsObject().Select(property => property.Key));
    }

    [Fact]
    public async Task Create_omni_video_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateOmniVideoAsync(
            new OmniVideoRequest { Prompt = "p", AspectRatio = "16:9", AdditionalProperties = new Dictionary<string, JsonNode?> { ["resolution"] = "1080p" } },
            Token);

        Assert.Equal("{\"prompt\":\"p\",\"aspect_ratio\":\"16:9\",\"resolution\":\"1080p\"}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_an_omni_video_request_is_the_wire_body_local_images_included()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var png = TestImages.Png(400, 400);
        var request = FullRequest() with
        {
            Images = [new KlingOmniImage { Image = KlingImage.FromBytes(png), Type = KlingOmniImageType.FirstFrame }],
        };

        await client.CreateOmniVideoAsync(request, Token);

        Assert.Equal(Assert.Single(handler.Requests).Body, JsonSerializer.Serialize(request, RelaxedEscaping));
        Assert.Equal(FullBody, JsonSerializer.Serialize(FullRequest(), RelaxedEscaping));
        KlingTaskRequest asBase = FullRequest();
        Assert.Equal(FullBody, JsonSerializer.Serialize(asBase, asBase.GetType(), RelaxedEscaping));
    }

    [Fact]
    public void An_omni_video_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<OmniVideoRequest>("{\"prompt\":\"p\"}"));
        Assert.Equal(KlingTaskKind.OmniVideo, new OmniVideoRequest().Kind);
    }
}
