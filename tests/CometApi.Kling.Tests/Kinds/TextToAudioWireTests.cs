using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateTextToAudioAsync"/> puts on the wire: the route and the exact body (kling-catalogue
/// §5.1: <c>duration</c> a JSON number), and that <c>JsonSerializer.Serialize(request)</c> writes the same body.
/// </summary>
public sealed class TextToAudioWireTests
{
    private const string FullBodyBeforeId = """{"prompt":"rain on a tin roof","duration":7.5""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every documented field set, with the caller's own external id.</summary>
    private static TextToAudioRequest FullRequest() => new()
    {
        Prompt = "rain on a tin roof",
        Duration = TimeSpan.FromSeconds(7.5),
        ExternalTaskId = "order-42",
        CallbackUrl = new Uri("https://example.com/kling/hook?order=42"),
    };

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    private static string ExternalId(string body) => JsonNode.Parse(body)!["external_task_id"]!.GetValue<string>();

    [Fact]
    public async Task Create_text_to_audio_posts_to_kling_v1_audio_text_to_audio_with_the_bearer_key_and_json()
    {
        var (client, handler) = Client();

        var created = await client.CreateTextToAudioAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/audio/text-to-audio", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + KindApi.Key, sent.Headers.Authorization?.ToString());
        Assert.Equal("application/json", sent.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(KlingTaskKind.TextToAudio, created.Data.Kind);
    }

    [Fact]
    public async Task Create_text_to_audio_sends_the_exact_body_of_a_full_request()
    {
        var (client, handler) = Client();

        await client.CreateTextToAudioAsync(FullRequest(), Token);

        Assert.Equal(
            FullBodyBeforeId + ""","external_task_id":"order-42","callback_url":"https://example.com/kling/hook?order=42"}""",
            Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData(5.0, "5")]
    [InlineData(3.0, "3")]
    [InlineData(10.0, "10")]
    [InlineData(7.5, "7.5")]
    [InlineData(3.3, "3.3")]
    public async Task Create_text_to_audio_writes_duration_as_a_json_number(double seconds, string wire)
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(seconds) }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal("{\"prompt\":\"rain\",\"duration\":" + wire + "}", body);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(body).RootElement.GetProperty("duration").ValueKind);
    }

    [Fact]
    public async Task Create_text_to_audio_writes_a_computed_tenth_without_floating_point_noise()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);
        var seconds = 0.1 * 73; // 7.300000000000001

        await client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(seconds) }, Token);

        Assert.Equal("{\"prompt\":\"rain\",\"duration\":7.3}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_text_to_audio_writes_a_duration_a_few_ticks_off_a_tenth_as_that_tenth()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromTicks(72_999_999) }, Token);

        Assert.Equal("{\"prompt\":\"rain\",\"duration\":7.3}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_text_to_audio_adds_the_auto_external_task_id_and_omits_unset_fields()
    {
        var (client, handler) = Client();

        await client.CreateTextToAudioAsync(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(5) }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        var id = ExternalId(body);
        Assert.Matches("^kling-[0-9a-f]{32}$", id);
        Assert.Equal("{\"prompt\":\"rain\",\"duration\":5,\"external_task_id\":\"" + id + "\"}", body);
    }

    [Fact]
    public async Task Create_text_to_audio_writes_extra_fields_after_the_typed_ones()
    {
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateTextToAudioAsync(
            new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(5), AdditionalProperties = new Dictionary<string, JsonNode?> { ["seed"] = 7 } },
            Token);

        Assert.Equal("{\"prompt\":\"rain\",\"duration\":5,\"seed\":7}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task JsonSerializer_Serialize_of_a_text_to_audio_request_is_the_wire_body()
    {
        var (client, handler) = Client();
        var request = FullRequest();

        await client.CreateTextToAudioAsync(request, Token);

        Assert.Equal(Assert.Single(handler.Requests).Body, JsonSerializer.Serialize(request));
        KlingTaskRequest asBase = request;
        Assert.Equal(JsonSerializer.Serialize(request), JsonSerializer.Serialize(asBase, asBase.GetType()));
    }

    [Fact]
    public void A_text_to_audio_request_is_write_only_json()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<TextToAudioRequest>("{\"prompt\":\"rain\"}"));
    }

    [Fact]
    public void A_text_to_audio_result_reads_every_audio_field_as_sent()
    {
        var task = KindApi.Parse(KindApi.Task(
            "t2a-1",
            "succeed",
            "\"audios\":[{\"id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a.mp3\",\"url_wav\":\"https://cdn.example.com/a.wav\",\"duration_mp3\":\"5.04\",\"duration_wav\":5.0}]"));

        var audio = Assert.Single(task.Data.TaskResult!.Audios);
        Assert.Equal("a-1", audio.Id);
        Assert.Equal(new Uri("https://cdn.example.com/a.mp3"), audio.Mp3Url);
        Assert.Equal(new Uri("https://cdn.example.com/a.wav"), audio.WavUrl);
        Assert.Equal("5.04", audio.Mp3Duration);
        Assert.Equal("5.0", audio.WavDuration); // a number from a compatible host is kept as its text
        Assert.Empty(task.Data.TaskResult.Videos);
    }

    [Fact]
    public void A_text_to_audio_result_with_audio_id_instead_of_id_reads_it_as_the_id()
    {
        // Kling's own client code reads audios[].audio_id; the documentation says id. Either is the audio's id.
        var task = KindApi.Parse(KindApi.Task(
            "t2a-1", "succeed", "\"audios\":[{\"audio_id\":\"a-7\",\"url_mp3\":\"https://cdn.example.com/a.mp3\",\"url_wav\":\"https://cdn.example.com/a.wav\"}]"));

        var audio = Assert.Single(task.Data.TaskResult!.Audios);
        Assert.Equal("a-7", audio.Id);
        Assert.Null(audio.AdditionalProperties);
    }

    [Fact]
    public void A_text_to_audio_result_with_both_id_and_audio_id_reads_id()
    {
        var audio = KlingJson.Deserialize<KlingGeneratedAudio>("{\"id\":\"a-1\",\"audio_id\":\"a-2\"}");

        Assert.Equal("a-1", audio.Id);
    }

    [Theory]
    [InlineData("{\"id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a.mp3\",\"url_wav\":\"https://cdn.example.com/a.wav\",\"duration_mp3\":\"5.04\",\"duration_wav\":\"5.04\"}")]
    [InlineData("{\"audio_id\":\"a-7\",\"url_mp3\":\"https://cdn.example.com/a.mp3\"}")]
    public void An_audio_round_trips_byte_for_byte_whichever_id_field_it_came_with(string json)
    {
        var audio = KlingJson.Deserialize<KlingGeneratedAudio>(json);

        Assert.Equal(json, KlingJson.Serialize(audio));
        Assert.Equal(audio, KlingJson.Deserialize<KlingGeneratedAudio>(KlingJson.Serialize(audio)));
    }

    [Fact]
    public void An_audio_id_set_in_code_is_written_as_id()
    {
        var audio = KlingModelFactory.KlingGeneratedAudio(mp3Url: new Uri("https://cdn.example.com/a.mp3"), id: "a-1", mp3Duration: "5.04");

        Assert.Equal("{\"id\":\"a-1\",\"url_mp3\":\"https://cdn.example.com/a.mp3\",\"duration_mp3\":\"5.04\"}", KlingJson.Serialize(audio));
        Assert.Equal("a-1", (audio with { Mp3Url = null }).Id);
    }
}
