using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateVideoToAudioAsync"/> puts on the wire: the route and the exact body (kling-catalogue
/// §5.2), and that <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class VideoToAudioWireTests
{
    private const string FullBody =
        """{"video_url":"https://cdn.example.com/clips/surf.mp4?sig=a%2Bb","sound_effect_prompt":"waves crash","bgm_prompt":"calm ukulele","asmr_mode":true,"external_task_id":"order-42","callback_url":"https://example.com/kling/hook"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every documented field set (the video by URL), with the caller's own external id.</summary>
    private static VideoToAudioRequest FullRequest() => new()
    {
        VideoUrl = new Uri("https://cdn.example.com/clips/surf.mp4?sig=a%2Bb"),
        SoundEffectPrompt = "waves crash",
        BackgroundMusicPrompt = "calm ukulele",
        AsmrMode = true,
        ExternalTaskId = "order-42",
        CallbackUrl = new Uri("https://example.com/kling/hook"),
    };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    [Fact]
    public async Task Create_video_to_audio_posts_to_kling_v1_audio_video_to_audio_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateVideoToAudioAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/audio/video-to-audio", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.VideoToAudio, created.Data.Kind);
    }

    [Fact]
    public async Task Create_video_to_audio_sends_the_exact_body_of_a_full_request_with_asmr_mode_a_boolean()
    {
        var (client, handler) = Client();

        await client.CreateVideoToAudioAsync(FullRequest(), Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal(FullBody, body);
        Assert.Equal(JsonValueKind.True, JsonDocument.Parse(body).RootElement.GetProperty("asmr_mode").ValueKind);
    }

    [Fact]
    public async Task Create_video_to_audio_by_video_id_sends_only_the_id_and_the_auto_external_task_id()
    {
        var (client, handler) = Client();

        await client.CreateVideoToAudioAsync(new VideoToAudioRequest { VideoId = "862345789012345678" }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal("{\"video_id\":\"862345789012345678\",\"external_task_id\":\"" + id + "\"}", body);
    }

    [Fact]
    public async Task Create_video_to_audio_writes_asmr_mode_false_when_set_false()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateVideoToAudioAsync(new VideoToAudioRequest { VideoId = "v-1", AsmrMode = false }, Token);

        Assert.Equal("{\"video_id\":\"v-1\",\"asmr_mode\":false}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_video_to_audio_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateVideoToAudioAsync(
            new VideoToAudioRequest { VideoId = "v-1", AdditionalProperties = new Dictionary<string, JsonNode?> { ["seed"] = 7 } },
            Token);

        Assert.Equal("{\"video_id\":\"v-1\",\"seed\":7}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_video_to_audio_request_is_the_wire_body()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateVideoToAudioAsync(request, Token);

        Assert.Equal(Assert.Single(handler.Requests).Body, JsonSerializer.Serialize(request));
        KlingTaskRequest asBase = request;
        Assert.Equal(FullBody, JsonSerializer.Serialize(asBase, asBase.GetType()));
    }

    [Fact]
    public void A_video_to_audio_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<VideoToAudioRequest>("{\"video_id\":\"v\"}"));
    }

    [Fact]
    public void A_video_to_audio_result_reads_both_the_video_with_sound_and_the_audio()
    {
        var task = KindApi.Parse(KindApi.Task(
            "v2a-1",
            "succeed",
            "\"videos\":[{\"id\":\"v-2\",\"url\":\"https://cdn.example.com/v.mp4\",\"duration\":\"5.1\"}],"
            + "\"audios\":[{\"id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a.mp3\",\"url_wav\":\"https://cdn.example.com/a.wav\",\"duration_mp3\":\"5.04\",\"duration_wav\":\"5.04\"}]"));

        Assert.Equal("v-2", Assert.Single(task.Data.TaskResult!.Videos).Id);
        var audio = Assert.Single(task.Data.TaskResult.Audios);
        Assert.Equal((new Uri("https://cdn.example.com/a.mp3"), new Uri("https://cdn.example.com/a.wav")), (audio.Mp3Url, audio.WavUrl));
    }

    [Fact]
    public void A_video_to_audio_result_with_the_video_inside_each_audio_item_reads_it_there()
    {
        // The layout Kling's own client code reads: video_id, video_url and audio_id inside each audios[] item.
        var task = KindApi.Parse(KindApi.Task(
            "v2a-1",
            "succeed",
            "\"audios\":[{\"video_id\":\"v-2\",\"video_url\":\"https://cdn.example.com/v.mp4\",\"audio_id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a.mp3\","
            + "\"url_wav\":\"https://cdn.example.com/a.wav\",\"duration_mp3\":\"5.04\",\"duration_wav\":\"5.04\"}]"));

        var audio = Assert.Single(task.Data.TaskResult!.Audios);
        Assert.Equal(("v-2", new Uri("https://cdn.example.com/v.mp4"), "a-1"), (audio.VideoId, audio.VideoUrl, audio.Id));
        Assert.Equal((new Uri("https://cdn.example.com/a.mp3"), new Uri("https://cdn.example.com/a.wav")), (audio.Mp3Url, audio.WavUrl));
        Assert.Null(audio.AdditionalProperties);
        Assert.Empty(task.Data.TaskResult.Videos);
    }
}
