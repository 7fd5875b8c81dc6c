using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateLipSyncAsync"/> puts on the wire (kling-catalogue §3.7): the route, the exact body
/// with the times as JSON numbers and <c>original_audio_volume</c> (the official form), CometAPI's form through the
/// face's extra fields, local audio as raw base64, and the poll path that mirrors the create path.
/// </summary>
public sealed class LipSyncWireTests
{
    private const string FullBody =
        """{"session_id":"session-1","face_choose":[{"face_id":"0","audio_id":"audio-9","sound_start_time":0,"sound_end_time":3000,"sound_insert_time":500,"sound_volume":1.5,"original_audio_volume":0.5}],"watermark_info":{"enabled":false},"callback_url":"https://example.com/kling/hook","external_task_id":"order-42"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static LipSyncRequest FullRequest() => new()
    {
        SessionId = "session-1",
        Faces =
        [
            new KlingFaceChoice
            {
                FaceId = "0",
                AudioId = "audio-9",
                AudioStartTime = TimeSpan.Zero,
                AudioEndTime = TimeSpan.FromSeconds(3),
                AudioInsertTime = TimeSpan.FromMilliseconds(500),
                AudioVolume = 1.5,
                OriginalAudioVolume = 0.5,
            },
        ],
        WatermarkInfo = new KlingWatermarkInfo { Enabled = false },
        CallbackUrl = new Uri("https://example.com/kling/hook"),
        ExternalTaskId = "order-42",
    };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    [Fact]
    public async Task Create_lip_sync_posts_to_kling_v1_videos_advanced_lip_sync()
    {
        var (client, handler) = Client();

        var created = await client.CreateLipSyncAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/advanced-lip-sync", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal(KlingTaskKind.LipSync, created.Data.Kind);
    }

    [Fact]
    public async Task Create_lip_sync_sends_the_exact_body_with_times_as_numbers_and_original_audio_volume()
    {
        var (client, handler) = Client();

        await client.CreateLipSyncAsync(FullRequest(), Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal(FullBody, body);
        var face = JsonDocument.Parse(body).RootElement.GetProperty("face_choose")[0];
        Assert.Equal(JsonValueKind.Number, face.GetProperty("sound_start_time").ValueKind);
        Assert.Equal(JsonValueKind.Number, face.GetProperty("sound_end_time").ValueKind);
        Assert.Equal(JsonValueKind.Number, face.GetProperty("sound_insert_time").ValueKind);
    }

    [Fact]
    public async Task Create_lip_sync_sends_CometAPIs_string_times_and_original_sound_volume_through_the_faces_extra_fields()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var request = new LipSyncRequest
        {
            SessionId = "session-1",
            Faces =
            [
                new KlingFaceChoice
                {
                    FaceId = "0",
                    Audio = KlingAudio.FromUrl(new Uri("https://example.com/hello.mp3")),
                    AdditionalProperties = new Dictionary<string, JsonNode?>
                    {
                        ["sound_start_time"] = "0",
                        ["sound_end_time"] = "2000",
                        ["sound_insert_time"] = "0",
                        ["original_sound_volume"] = 1,
                    },
                },
            ],
        };

        await client.CreateLipSyncAsync(request, Token);

        Assert.Equal(
            """{"session_id":"session-1","face_choose":[{"face_id":"0","sound_file":"https://example.com/hello.mp3","sound_start_time":"0","sound_end_time":"2000","sound_insert_time":"0","original_sound_volume":1}]}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_lip_sync_streams_a_local_sound_file_as_raw_base64()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var wav = TestAudio.Wav(3);
        var request = FullRequest();
        request.Faces![0].AudioId = null;
        request.Faces[0].Audio = KlingAudio.FromStream(new MemoryStream(wav));

        await client.CreateLipSyncAsync(request, Token);

        var sent = Assert.Single(handler.Requests);
        var face = JsonNode.Parse(sent.Body!)!["face_choose"]![0]!.AsObject();
        Assert.Equal(Convert.ToBase64String(wav), (string?)face["sound_file"]);
        Assert.Equal(["face_id", "sound_file", "sound_start_time", "sound_end_time", "sound_insert_time", "sound_volume", "original_audio_volume"], face.Select(p => p.Key));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), sent.ContentHeaders?.ContentLength);
    }

    [Fact]
    public async Task Create_lip_sync_omits_every_unset_field()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateLipSyncAsync(
            new LipSyncRequest { SessionId = "s", Faces = [new KlingFaceChoice { FaceId = "1", AudioId = "a", AudioStartTime = TimeSpan.FromMilliseconds(0), AudioEndTime = TimeSpan.FromMilliseconds(2000), AudioInsertTime = TimeSpan.FromMilliseconds(0) }] },
            Token);

        Assert.Equal(
            """{"session_id":"s","face_choose":[{"face_id":"1","audio_id":"a","sound_start_time":0,"sound_end_time":2000,"sound_insert_time":0}]}""",
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task A_lip_sync_task_is_queried_on_the_create_path_plus_its_id()
    {
        var handler = new CapturingHandler(request => KindApi.Json(request.Method == HttpMethod.Post ? Responses.Created : Responses.Task("2032273942220931072", "succeed")));
        var client = KindApi.Client(handler);

        var created = await client.CreateLipSyncAsync(FullRequest(), Token);
        var queried = await client.GetTaskAsync(created.Data.Kind, created.Data.TaskId, Token);

        Assert.Equal("https://api.cometapi.com/kling/v1/videos/advanced-lip-sync/2032273942220931072", handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Equal(KlingTaskKind.LipSync, queried.Data.Kind);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_lip_sync_request_is_the_wire_body()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateLipSyncAsync(request, Token);

        Assert.Equal(Assert.Single(handler.Requests).Body, JsonSerializer.Serialize(request));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<LipSyncRequest>("{}"));
    }

    [Fact]
    public void Lip_sync_is_a_known_kind_named_lip_sync_on_the_advanced_route()
    {
        Assert.Contains(KlingTaskKind.LipSync, KlingTaskKind.Known);
        Assert.True(KlingTaskKind.TryParse("lip-sync", out var kind));
        Assert.Equal("videos/advanced-lip-sync", kind.Route);
        Assert.Equal(KlingTaskKind.LipSync, new LipSyncRequest().Kind);
    }
}
