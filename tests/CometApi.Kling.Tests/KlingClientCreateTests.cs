using System.Net;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests;

public class KlingClientCreateTests
{
    private const string ApiKey = "sk-test-0123456789";
    private static readonly Uri CatUrl = new("https://example.com/cat.png");

    private static (KlingClient Client, CapturingHandler Handler) CreateClient(string response = Responses.Created)
    {
        var handler = CapturingHandler.Json(response);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        return (client, handler);
    }

    [Fact]
    public async Task Create_posts_to_the_image2video_route_of_the_default_base_address()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Create_sends_bearer_key_json_content_type_accept_and_sdk_user_agent()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal(ApiKey, request.Headers.Authorization?.Parameter);
        Assert.Equal("application/json", request.ContentHeaders?.ContentType?.ToString());
        Assert.Contains(request.Headers.Accept, accept => accept.MediaType == "application/json");
        var product = request.Headers.UserAgent.First().Product;
        Assert.Equal("CometApi.Kling", product?.Name);
        Assert.False(string.IsNullOrEmpty(product?.Version));
        Assert.Equal(request.Body!.Length, request.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_with_only_an_image_sends_only_the_image()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"image":"https://example.com/cat.png"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_every_documented_field_in_snake_case_with_duration_as_a_string()
    {
        var (client, handler) = CreateClient();
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(CatUrl),
            Prompt = "The cat turns its head",
            NegativePrompt = "blur",
            ModelName = KlingModel.KlingV1,
            Mode = KlingMode.Pro,
            Duration = KlingDuration.Ten,
            CfgScale = 0.5,
            StaticMask = KlingImage.FromUrl(new Uri("https://example.com/static.png")),
            DynamicMasks =
            [
                new KlingDynamicMask
                {
                    Mask = KlingImage.FromUrl(new Uri("https://example.com/dynamic_mask_1.png")),
                    Trajectories = [new(279, 219), new(417, 65)],
                },
            ],
            CallbackUrl = new Uri("https://example.com/kling/callback"),
            ExternalTaskId = "order-42",
        };

        await client.CreateImageToVideoAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"image":"https://example.com/cat.png","prompt":"The cat turns its head","negative_prompt":"blur","model_name":"kling-v1","mode":"pro","duration":"10","cfg_scale":0.5,"static_mask":"https://example.com/static.png","dynamic_masks":[{"mask":"https://example.com/dynamic_mask_1.png","trajectories":[{"x":279,"y":219},{"x":417,"y":65}]}],"callback_url":"https://example.com/kling/callback","external_task_id":"order-42"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_image_tail_as_raw_base64()
    {
        // Image and end frame must be real images now that local images are checked before sending.
        var (client, handler) = CreateClient();
        var first = TestImages.Base64Png(640, 480);
        var last = TestImages.Base64Png(640, 480);
        var request = new ImageToVideoRequest { Image = KlingImage.FromBase64(first), ImageTail = KlingImage.FromBase64(last) };

        await client.CreateImageToVideoAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"image":"{{first}}","image_tail":"{{last}}"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_camera_control_with_only_the_axes_that_are_set()
    {
        // Kling does not accept image_tail together with camera_control, so they are written by separate requests.
        var (client, handler) = CreateClient();
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(CatUrl),
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Zoom = -2.5 } },
        };

        await client.CreateImageToVideoAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"image":"https://example.com/cat.png","camera_control":{"type":"simple","config":{"zoom":-2.5}}}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_a_camera_preset_without_config()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl), CameraControl = new KlingCameraControl { Type = KlingCameraControlType.DownBack } },
            TestContext.Current.CancellationToken);

        Assert.Equal("""{"image":"https://example.com/cat.png","camera_control":{"type":"down_back"}}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_the_newer_official_fields()
    {
        // Duration "15" is an official Kling value, outside the CometAPI limits the client checks by default.
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(
            new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey, ValidationLimits = KlingValidationLimits.CreateOfficial() });
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(CatUrl),
            ModelName = KlingModel.KlingV3,
            Duration = "15",
            Sound = KlingSound.On,
            Voices = [new KlingVoice { VoiceId = "voice-1" }],
            MultiShot = true,
            ShotType = KlingShotType.Customize,
            Shots =
            [
                new KlingShot { Index = 1, Prompt = "wake up", Duration = "5" },
                new KlingShot { Index = 2, Prompt = "stretch", Duration = KlingDuration.Ten },
            ],
            WatermarkInfo = new KlingWatermarkInfo { Enabled = false },
        };

        // element_list excludes voice_list, so it goes in a request of its own.
        var withElements = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(CatUrl),
            ModelName = KlingModel.KlingV3,
            Elements = [new KlingElement { ElementId = 9007199254740993 }],
        };

        await client.CreateImageToVideoAsync(request, TestContext.Current.CancellationToken);
        await client.CreateImageToVideoAsync(withElements, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                """{"image":"https://example.com/cat.png","model_name":"kling-v3","duration":"15","sound":"on","voice_list":[{"voice_id":"voice-1"}],"multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"wake up","duration":"5"},{"index":2,"prompt":"stretch","duration":"10"}],"watermark_info":{"enabled":false}}""",
                """{"image":"https://example.com/cat.png","model_name":"kling-v3","element_list":[{"element_id":9007199254740993}]}""",
            ],
            handler.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task Create_strips_a_data_uri_prefix_from_base64_images()
    {
        var (client, handler) = CreateClient();
        var png = TestImages.Base64Png(640, 480);

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromBase64("data:image/png;base64," + png) }, TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"image":"{{png}}"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_prompts_as_utf8_without_escaping_non_ascii_text()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl), Prompt = "Con mèo quay đầu 🐱 猫 \"quoted\" <b>" },
            TestContext.Current.CancellationToken);

        // Letters outside ASCII go out as UTF-8; only what JSON requires (quotes) and characters outside the
        // Basic Multilingual Plane (emoji, as a surrogate-pair escape) are escaped.
        Assert.Equal("""{"image":"https://example.com/cat.png","prompt":"Con mèo quay đầu \uD83D\uDC31 猫 \"quoted\" <b>"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_writes_additional_properties_as_they_are_after_the_typed_fields()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest
            {
                Image = KlingImage.FromUrl(CatUrl),
                AdditionalProperties = new Dictionary<string, JsonNode?>
                {
                    ["aspect_ratio"] = "16:9",
                    ["seed"] = 42,
                    ["nested"] = new JsonObject { ["a"] = true },
                    ["explicit_null"] = null,
                },
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"image":"https://example.com/cat.png","aspect_ratio":"16:9","seed":42,"nested":{"a":true},"explicit_null":null}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_rejects_an_additional_property_that_repeats_a_set_typed_field_and_sends_nothing()
    {
        var (client, handler) = CreateClient();
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(CatUrl),
            Prompt = "typed",
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["prompt"] = "again" },
        };

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(request, TestContext.Current.CancellationToken));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Contains("'prompt'", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Create_allows_an_additional_property_for_a_typed_field_that_is_unset()
    {
        var (client, handler) = CreateClient();

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl), AdditionalProperties = new Dictionary<string, JsonNode?> { ["duration"] = 7 } },
            TestContext.Current.CancellationToken);

        Assert.Equal("""{"image":"https://example.com/cat.png","duration":7}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_rejects_a_null_request_before_sending()
    {
        var (client, handler) = CreateClient();

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.CreateImageToVideoAsync(null!, TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Create_returns_the_created_task()
    {
        var (client, _) = CreateClient();

        var created = await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, TestContext.Current.CancellationToken);

        Assert.Equal(0, created.Code);
        Assert.Equal("success", created.Message);
        Assert.Null(created.RequestId);
        Assert.Equal("2032273942220931072", created.Data.TaskId);
        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), created.Data.CreatedAt);
    }

    [Fact]
    public async Task Create_with_a_cancelled_token_sends_nothing()
    {
        var (client, handler) = CreateClient();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, cancelled.Token));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Create_never_puts_the_key_on_the_shared_HttpClient()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        using var httpClient = new HttpClient(handler);
        var client = new KlingClient(httpClient, new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl) }, TestContext.Current.CancellationToken);

        Assert.Null(httpClient.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public void Request_serialized_with_JsonSerializer_equals_the_sent_body()
    {
        var request = new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl), Duration = KlingDuration.Five, CfgScale = 0.25 };

        var json = System.Text.Json.JsonSerializer.Serialize(request, CometApi.Kling.Serialization.KlingJsonContext.Default.ImageToVideoRequest);

        Assert.Equal("""{"image":"https://example.com/cat.png","duration":"5","cfg_scale":0.25}""", json);
    }

    [Fact]
    public void KlingImage_ToString_never_prints_inline_image_data()
    {
        var image = KlingImage.FromBase64("data:image/png;base64," + new string('A', 4000));

        Assert.Equal("KlingImage(base64, 4000 chars)", image.ToString());
        Assert.DoesNotContain("AAAA", new ImageToVideoRequest { Image = image }.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("data:image/png;base64,")]
    public void KlingImage_FromBase64_rejects_empty_text(string base64) =>
        Assert.Throws<ArgumentException>(() => KlingImage.FromBase64(base64));

    [Fact]
    public void KlingImage_FromUrl_rejects_a_relative_url() =>
        Assert.Throws<ArgumentException>(() => KlingImage.FromUrl(new Uri("cat.png", UriKind.Relative)));

    [Fact]
    public async Task Create_reports_HTTP_status_of_a_rejected_request()
    {
        var handler = CapturingHandler.Json("""{"code":1201,"message":"model_name is invalid","request_id":"req-1"}""", HttpStatusCode.BadRequest);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });

        var error = await Assert.ThrowsAsync<KlingApiException>(
            () => client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(CatUrl), ModelName = "kling-v9" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1201, error.Code);
        Assert.Equal("req-1", error.RequestId);
        Assert.False(error.IsRetryable);
        Assert.Contains("model_name is invalid", error.Message, StringComparison.Ordinal);
    }
}
