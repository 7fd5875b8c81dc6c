using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateImageGenerationAsync"/> puts on the wire: the route and the exact body
/// (kling-catalogue §4.1, §0.2): <c>n</c> and the fidelities as numbers, unset fields omitted, a local reference image
/// as raw base64; and that <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class ImageGenerationWireTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every documented field set, the reference image as a URL.</summary>
    private static ImageGenerationRequest FullRequest() => new()
    {
        ModelName = KlingModel.KlingV21,
        Prompt = "A red fox in fresh snow, studio light",
        Image = KlingImage.FromUrl(new Uri("https://example.com/fox.png")),
        ImageReference = KlingImageReference.Subject,
        ImageFidelity = 0.5,
        HumanFidelity = 0.45,
        Elements = [new KlingElement { ElementId = 829836802793406551 }],
        Resolution = KlingImageResolution.TwoK,
        ImageCount = 3,
        AspectRatio = KlingAspectRatio.Square1x1,
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
        CallbackUrl = new Uri("https://example.com/kling/hook?order=42"),
        ExternalTaskId = "order-42",
    };

    private const string FullBody =
        """{"model_name":"kling-v2-1","prompt":"A red fox in fresh snow, studio light","image":"https://example.com/fox.png","image_reference":"subject","image_fidelity":0.5,"human_fidelity":0.45,"element_list":[{"element_id":829836802793406551}],"resolution":"2k","n":3,"aspect_ratio":"1:1","watermark_info":{"enabled":true},"callback_url":"https://example.com/kling/hook?order=42","external_task_id":"order-42"}""";

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_image_generation_posts_to_kling_v1_images_generations_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateImageGenerationAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/images/generations", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.ImageGeneration, created.Data.Kind);
    }

    [Fact]
    public async Task Create_image_generation_sends_the_exact_body_of_a_full_request()
    {
        var (client, handler) = Client();

        await client.CreateImageGenerationAsync(FullRequest(), Token);

        Assert.Equal(FullBody, Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_image_generation_writes_n_and_the_fidelities_as_numbers_and_the_enums_as_strings()
    {
        var (client, handler) = Client();

        await client.CreateImageGenerationAsync(FullRequest(), Token);

        var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!).RootElement;
        Assert.Equal(JsonValueKind.Number, body.GetProperty("n").ValueKind);
        Assert.Equal(3, body.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("image_fidelity").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("human_fidelity").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("element_list")[0].GetProperty("element_id").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("resolution").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("image_reference").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("aspect_ratio").ValueKind);
    }

    [Fact]
    public async Task Create_image_generation_omits_every_unset_field()
    {
        var (client, handler) = Client();

        await client.CreateImageGenerationAsync(new ImageGenerationRequest { Prompt = "a fox" }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Matches("^kling-[0-9a-f]{32}$", ExternalId(body));
        Assert.Equal("{\"prompt\":\"a fox\",\"external_task_id\":\"" + ExternalId(body) + "\"}", body);
    }

    [Fact]
    public async Task Create_image_generation_sends_a_local_reference_image_as_raw_base64_never_a_data_uri()
    {
        var png = TestImages.Png(640, 480, totalLength: 5000);
        var path = _files.Write(png, "ref");
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateImageGenerationAsync(new ImageGenerationRequest { Prompt = "a fox", Image = KlingImage.FromFile(path), ImageReference = KlingImageReference.Face }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal("{\"prompt\":\"a fox\",\"image\":\"" + Convert.ToBase64String(png) + "\",\"image_reference\":\"face\"}", body);
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_image_generation_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateImageGenerationAsync(
            new ImageGenerationRequest { Prompt = "a fox", AdditionalProperties = new Dictionary<string, JsonNode?> { ["seed"] = 7 } }, Token);

        Assert.Equal("{\"prompt\":\"a fox\",\"seed\":7}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public void JsonSerializer_Serialize_of_an_image_generation_request_is_the_wire_body()
    {
        Assert.Equal(FullBody, JsonSerializer.Serialize(FullRequest()));
        Assert.Equal(FullBody, JsonSerializer.Serialize((KlingTaskRequest)FullRequest(), typeof(ImageGenerationRequest)));
    }

    [Fact]
    public void JsonSerializer_Serialize_of_an_image_generation_request_writes_a_local_image_as_raw_base64()
    {
        var png = TestImages.Png(640, 480);

        var json = JsonSerializer.Serialize(new ImageGenerationRequest { Prompt = "a fox", Image = KlingImage.FromBytes(png) });

        Assert.Equal("{\"prompt\":\"a fox\",\"image\":\"" + Convert.ToBase64String(png) + "\"}", json);
    }

    [Fact]
    public void An_image_generation_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<ImageGenerationRequest>("{\"prompt\":\"a fox\"}"));
    }

    [Fact]
    public async Task An_image_generation_result_reads_as_images_with_index_url_and_watermark_url()
    {
        var handler = CapturingHandler.Json(KindApi.Task(
            "42",
            "succeed",
            "\"images\":[{\"index\":0,\"url\":\"https://cdn.example.com/a.png\",\"watermark_url\":\"https://cdn.example.com/a-w.png\"},{\"index\":1,\"url\":\"https://cdn.example.com/b.png\"}]"));
        var client = KindApi.Client(handler);

        var task = await client.GetTaskAsync(KlingTaskKind.ImageGeneration, "42", Token);

        Assert.Equal("https://api.cometapi.com/kling/v1/images/generations/42", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        var images = task.Data.TaskResult!.Images;
        Assert.Equal([0, 1], images.Select(image => image.Index ?? -1));
        Assert.Equal("https://cdn.example.com/a-w.png", images[0].WatermarkUrl?.AbsoluteUri);
        Assert.Empty(task.Data.TaskResult.Videos);
    }
}
