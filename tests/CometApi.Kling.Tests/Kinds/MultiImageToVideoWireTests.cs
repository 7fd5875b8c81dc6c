using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateMultiImageToVideoAsync"/> puts on the wire: the route, the headers and the exact body
/// (kling-catalogue §3.2, §0.2), local images as raw base64 in <c>image_list</c>, and that
/// <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class MultiImageToVideoWireTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingImageListItem Url(string url) => new() { Image = KlingImage.FromUrl(new Uri(url)) };

    /// <summary>Every typed field set, images by URL.</summary>
    private static MultiImageToVideoRequest FullRequest() => new()
    {
        ModelName = KlingModel.KlingV16,
        Images = [Url("https://example.com/a.png"), Url("https://example.com/b.jpg")],
        Prompt = "The cat and the dog meet in the park",
        NegativePrompt = "blurry",
        Mode = KlingMode.Pro,
        Duration = KlingDuration.Ten,
        AspectRatio = KlingAspectRatio.Square1x1,
        CfgScale = 0.5,
        CallbackUrl = new Uri("https://example.com/kling/hook?order=42"),
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
    };

    private const string FullBodyBeforeId =
        """{"model_name":"kling-v1-6","image_list":[{"image":"https://example.com/a.png"},{"image":"https://example.com/b.jpg"}],"prompt":"The cat and the dog meet in the park","negative_prompt":"blurry","mode":"pro","duration":"10","aspect_ratio":"1:1","cfg_scale":0.5,"callback_url":"https://example.com/kling/hook?order=42""" + "\"";

    private const string FullBodyAfterId = ""","watermark_info":{"enabled":true}}""";

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_multi_image2video_posts_to_kling_v1_videos_multi_image2video_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateMultiImageToVideoAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/multi-image2video", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
        Assert.Equal(KlingTaskKind.MultiImageToVideo, created.Data.Kind);
    }

    [Fact]
    public async Task Create_multi_image2video_sends_the_exact_body_of_a_full_request_with_the_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateMultiImageToVideoAsync(FullRequest(), Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = ExternalId(body);
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal(FullBodyBeforeId + ",\"external_task_id\":\"" + id + "\"" + FullBodyAfterId, body);
    }

    [Fact]
    public async Task Create_multi_image2video_writes_duration_as_a_string_cfg_scale_as_a_number_and_image_list_as_objects_with_image()
    {
        var (client, handler) = Client();

        await client.CreateMultiImageToVideoAsync(FullRequest(), Token);

        var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("duration").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("cfg_scale").ValueKind);
        Assert.All(body.GetProperty("image_list").EnumerateArray(), item =>
        {
            Assert.Equal(["image"], item.EnumerateObject().Select(property => property.Name));
            Assert.Equal(JsonValueKind.String, item.GetProperty("image").ValueKind);
        });
    }

    [Fact]
    public async Task Create_multi_image2video_omits_every_unset_field()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateMultiImageToVideoAsync(
            new MultiImageToVideoRequest { Images = [Url("https://example.com/a.png"), Url("https://example.com/b.png")], Prompt = "they meet" },
            Token);

        Assert.Equal(
            """{"image_list":[{"image":"https://example.com/a.png"},{"image":"https://example.com/b.png"}],"prompt":"they meet"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData(ImageKind.Bytes)]
    [InlineData(ImageKind.Base64)]
    [InlineData(ImageKind.File)]
    [InlineData(ImageKind.SeekableStream)]
    [InlineData(ImageKind.NonSeekableStream)]
    public async Task Create_multi_image2video_sends_local_images_as_raw_base64_in_their_order_beside_url_ones(ImageKind kind)
    {
        var first = TestImages.Png(640, 480);
        var third = TestImages.Jpeg(400, 400);
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateMultiImageToVideoAsync(
            new MultiImageToVideoRequest
            {
                Images =
                [
                    new KlingImageListItem { Image = ImageKinds.Make(kind, first, _files) },
                    Url("https://example.com/b.png"),
                    new KlingImageListItem { Image = ImageKinds.Make(kind, third, _files) },
                ],
                Prompt = "three friends",
            },
            Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(
            "{\"image_list\":[{\"image\":\"" + Convert.ToBase64String(first) + "\"},{\"image\":\"https://example.com/b.png\"},{\"image\":\""
            + Convert.ToBase64String(third) + "\"}],\"prompt\":\"three friends\"}",
            sent.Body);
        Assert.DoesNotContain("data:", sent.Body, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_multi_image2video_strips_a_data_uri_prefix_from_base64_images()
    {
        var png = TestImages.Png(320, 320);
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateMultiImageToVideoAsync(
            new MultiImageToVideoRequest
            {
                Images =
                [
                    new KlingImageListItem { Image = KlingImage.FromBase64("data:image/png;base64," + Convert.ToBase64String(png)) },
                    Url("https://example.com/b.png"),
                ],
                Prompt = "p",
            },
            Token);

        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!;
        Assert.Equal(Convert.ToBase64String(png), (string?)body["image_list"]![0]!["image"]);
    }

    [Fact]
    public async Task Create_multi_image2video_disposes_a_stream_image_after_the_call()
    {
        var stream = new NonSeekableStream(new MemoryStream(TestImages.Png(320, 320)));
        var (client, _) = Client();

        await client.CreateMultiImageToVideoAsync(
            new MultiImageToVideoRequest { Images = [new KlingImageListItem { Image = KlingImage.FromStream(stream) }, Url("https://example.com/b.png")], Prompt = "p" },
            Token);

        Assert.True(stream.IsDisposed);
    }

    [Fact]
    public async Task Create_multi_image2video_sends_the_requests_own_external_task_id()
    {
        var (client, handler) = Client();
        var request = FullRequest();
        request.ExternalTaskId = "order-42";

        await client.CreateMultiImageToVideoAsync(request, Token);

        Assert.Equal(FullBodyBeforeId + ",\"external_task_id\":\"order-42\"" + FullBodyAfterId, Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_multi_image2video_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateMultiImageToVideoAsync(
            new MultiImageToVideoRequest
            {
                Images = [Url("https://example.com/a.png"), Url("https://example.com/b.png")],
                Prompt = "p",
                AdditionalProperties = new Dictionary<string, JsonNode?> { ["static_mask"] = "https://example.com/mask.png" },
            },
            Token);

        Assert.Equal(
            """{"image_list":[{"image":"https://example.com/a.png"},{"image":"https://example.com/b.png"}],"prompt":"p","static_mask":"https://example.com/mask.png"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_multi_image2video_request_is_the_wire_body_without_the_auto_id()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateMultiImageToVideoAsync(request, Token);

        var wire = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!.AsObject();
        wire.Remove("external_task_id");
        Assert.Equal(wire.ToJsonString(), JsonSerializer.Serialize(request));
        Assert.Equal(FullBodyBeforeId + FullBodyAfterId, JsonSerializer.Serialize(request));
    }

    [Fact]
    public void JsonSerializer_Serialize_of_a_multi_image2video_request_inlines_local_images_as_raw_base64()
    {
        var png = TestImages.Png(320, 320);
        KlingTaskRequest request = new MultiImageToVideoRequest
        {
            Images = [new KlingImageListItem { Image = KlingImage.FromBytes(png) }, Url("https://example.com/b.png")],
            Prompt = "p",
        };

        Assert.Equal(
            "{\"image_list\":[{\"image\":\"" + Convert.ToBase64String(png) + "\"},{\"image\":\"https://example.com/b.png\"}],\"prompt\":\"p\"}",
            JsonSerializer.Serialize(request, request.GetType()));
    }

    [Fact]
    public void A_multi_image2video_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<MultiImageToVideoRequest>("{\"prompt\":\"p\"}"));
    }
}
