using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateAvatarAsync"/> puts on the wire (kling-catalogue §3.4, §0.2): the route, the exact
/// body in wire order, local image and audio as raw base64, and that <c>JsonSerializer.Serialize(request)</c> agrees.
/// </summary>
public sealed class AvatarWireTests
{
    private const string FullBody =
        """{"image":"https://example.com/face.png","audio_id":"audio-123","prompt":"She smiles and greets the viewer","mode":"pro","watermark_info":{"enabled":true},"callback_url":"https://example.com/kling/hook","external_task_id":"order-42"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AvatarRequest FullRequest() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/face.png")),
        AudioId = "audio-123",
        Prompt = "She smiles and greets the viewer",
        Mode = KlingMode.Pro,
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
        CallbackUrl = new Uri("https://example.com/kling/hook"),
        ExternalTaskId = "order-42",
    };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    [Fact]
    public async Task Create_avatar_posts_to_kling_v1_videos_avatar_image2video_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateAvatarAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/avatar/image2video", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.Avatar, created.Data.Kind);
    }

    [Fact]
    public async Task Create_avatar_sends_the_exact_body_of_a_full_request_in_wire_order()
    {
        var (client, handler) = Client();

        await client.CreateAvatarAsync(FullRequest(), Token);

        Assert.Equal(FullBody, Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_avatar_omits_every_unset_field()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateAvatarAsync(
            new AvatarRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/face.png")), Audio = KlingAudio.FromUrl(new Uri("https://example.com/hello.mp3")), Prompt = "hi" },
            Token);

        Assert.Equal(
            """{"image":"https://example.com/face.png","sound_file":"https://example.com/hello.mp3","prompt":"hi"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_avatar_streams_a_local_image_and_sound_file_as_raw_base64_with_a_content_length()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var png = TestImages.Png(400, 400);
        var wav = TestAudio.Wav(3);

        await client.CreateAvatarAsync(new AvatarRequest { Image = KlingImage.FromBytes(png), Audio = KlingAudio.FromBytes(wav), Prompt = "hi" }, Token);

        var sent = Assert.Single(handler.Requests);
        var body = JsonNode.Parse(sent.Body!)!.AsObject();
        Assert.Equal(Convert.ToBase64String(png), (string?)body["image"]);
        Assert.Equal(Convert.ToBase64String(wav), (string?)body["sound_file"]);
        Assert.DoesNotContain("data:", sent.Body, StringComparison.Ordinal);
        Assert.Equal(["image", "sound_file", "prompt"], body.Select(property => property.Key));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_avatar_sends_base64_audio_given_with_a_data_prefix_as_raw_base64()
    {
        var (client, handler) = Client();
        var mp3 = TestAudio.Mp3();

        await client.CreateAvatarAsync(
            new AvatarRequest
            {
                Image = KlingImage.FromUrl(new Uri("https://example.com/face.png")),
                Audio = KlingAudio.FromBase64("data:audio/mpeg;base64," + Convert.ToBase64String(mp3)),
                Prompt = "hi",
            },
            Token);

        Assert.Equal(Convert.ToBase64String(mp3), (string?)JsonNode.Parse(Assert.Single(handler.Requests).Body!)!["sound_file"]);
    }

    [Fact]
    public async Task Create_avatar_disposes_a_sound_file_stream_when_the_call_ends_unless_left_open()
    {
        var (client, _) = Client();
        var owned = new MemoryStream(TestAudio.Wav(3));
        var kept = new MemoryStream(TestAudio.Wav(3));

        await client.CreateAvatarAsync(new AvatarRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), Audio = KlingAudio.FromStream(owned), Prompt = "hi" }, Token);
        await client.CreateAvatarAsync(new AvatarRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), Audio = KlingAudio.FromStream(kept, leaveOpen: true), Prompt = "hi" }, Token);

        Assert.False(owned.CanRead);
        Assert.True(kept.CanRead);
    }

    [Fact]
    public async Task Create_avatar_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var request = FullRequest();
        request.ExternalTaskId = null;
        request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["model_name"] = "kling-avatar-v2" };

        await client.CreateAvatarAsync(request, Token);

        Assert.EndsWith(",\"callback_url\":\"https://example.com/kling/hook\",\"model_name\":\"kling-avatar-v2\"}", Assert.Single(handler.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_avatar_task_is_queried_on_its_own_route()
    {
        var handler = new CapturingHandler(request => KindApi.Json(request.Method == HttpMethod.Post ? Responses.Created : Responses.Task("2032273942220931072")));
        var client = KindApi.Client(handler);

        var created = await client.CreateAvatarAsync(FullRequest(), Token);
        var queried = await client.GetTaskAsync(created.Data.Kind, created.Data.TaskId, Token);

        Assert.Equal("https://api.cometapi.com/kling/v1/videos/avatar/image2video/2032273942220931072", handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Equal(KlingTaskKind.Avatar, queried.Data.Kind);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_an_avatar_request_is_the_wire_body()
    {
        var (client, handler) = Client();
        var request = FullRequest();
        request.Audio = null;
        request.AudioId = null;
        request.Audio = KlingAudio.FromBytes(TestAudio.Mp3(64));

        await client.CreateAvatarAsync(request, Token);

        Assert.Equal(Assert.Single(handler.Requests).Body, JsonSerializer.Serialize(request));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<AvatarRequest>("{}"));
    }

    [Fact]
    public void Avatar_is_a_known_kind_named_avatar()
    {
        Assert.Contains(KlingTaskKind.Avatar, KlingTaskKind.Known);
        Assert.True(KlingTaskKind.TryParse("avatar", out var kind));
        Assert.Equal("videos/avatar/image2video", kind.Route);
        Assert.Equal(KlingTaskKind.Avatar, new AvatarRequest().Kind);
    }
}
