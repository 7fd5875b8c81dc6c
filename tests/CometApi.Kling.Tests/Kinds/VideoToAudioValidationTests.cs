using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The video-to-audio rules (kling-catalogue §5.2: exactly one of video_id and an http(s) video_url; prompts of at most
/// 200 characters), checked before anything is sent: every refusal asserts that no request left the client.
/// </summary>
public sealed class VideoToAudioValidationTests
{
    private static readonly Uri Clip = new("https://cdn.example.com/clips/surf.mp4");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VideoToAudioRequest Valid(Action<VideoToAudioRequest>? change = null)
    {
        var request = new VideoToAudioRequest { VideoUrl = Clip };
        change?.Invoke(request);
        return request;
    }

    private static (KlingClient Client, CapturingHandler Handler) Client(KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options =>
        {
            if (limits is not null)
            {
                options.ValidationLimits = limits;
            }
        });
        return (client, handler);
    }

    private static async Task<KlingValidationException> RefusedAsync(VideoToAudioRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateVideoToAudioAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(VideoToAudioRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateVideoToAudioAsync(request, Token);
        Assert.Equal(KlingTaskKind.VideoToAudio, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/audio/video-to-audio", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- the video: exactly one of video_id and video_url ----

    [Fact]
    public async Task Create_video_to_audio_accepts_a_video_id_alone()
    {
        var body = await AcceptedAsync(new VideoToAudioRequest { VideoId = "862345789012345678" });

        Assert.Equal("862345789012345678", (string?)body["video_id"]);
        Assert.False(body.ContainsKey("video_url"));
    }

    [Theory]
    [InlineData("https://cdn.example.com/clips/surf.mp4")]
    [InlineData("http://cdn.example.com/clips/surf.mov")]
    public async Task Create_video_to_audio_accepts_an_absolute_http_or_https_video_url_alone(string url)
    {
        var body = await AcceptedAsync(new VideoToAudioRequest { VideoUrl = new Uri(url) });

        Assert.Equal(url, (string?)body["video_url"]);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_a_request_without_video_id_or_video_url_naming_both()
    {
        var error = await RefusedAsync(new VideoToAudioRequest { SoundEffectPrompt = "waves" });

        var message = Single(error, "video_id").Message;
        Assert.Contains("video_id", message, StringComparison.Ordinal);
        Assert.Contains("video_url", message, StringComparison.Ordinal);
        Assert.Contains("required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_both_video_id_and_video_url_naming_both()
    {
        var error = await RefusedAsync(Valid(request => request.VideoId = "862345789012345678"));

        var message = Single(error, "video_url").Message;
        Assert.Contains("video_id and video_url", message, StringComparison.Ordinal);
        Assert.Contains("exactly one", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_video_to_audio_rejects_a_blank_video_id(string videoId)
    {
        var error = await RefusedAsync(new VideoToAudioRequest { VideoId = videoId });

        Assert.Contains("blank", Single(error, "video_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_a_relative_video_url_saying_local_files_are_not_taken()
    {
        var error = await RefusedAsync(new VideoToAudioRequest { VideoUrl = new Uri("clips/surf.mp4", UriKind.Relative) });

        var message = Single(error, "video_url").Message;
        Assert.Contains("relative", message, StringComparison.Ordinal);
        Assert.Contains("no local file", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_a_local_file_video_url()
    {
        var error = await RefusedAsync(new VideoToAudioRequest { VideoUrl = new Uri("file:///home/me/surf.mp4") });

        Assert.Contains("local file", Single(error, "video_url").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_a_video_url_that_is_not_http()
    {
        var error = await RefusedAsync(new VideoToAudioRequest { VideoUrl = new Uri("ftp://example.com/surf.mp4") });

        Assert.Contains("'ftp'", Single(error, "video_url").Message, StringComparison.Ordinal);
    }

    // ---- the prompts ----

    [Fact]
    public async Task Create_video_to_audio_accepts_prompts_of_exactly_200_chars()
    {
        var body = await AcceptedAsync(Valid(request =>
        {
            request.SoundEffectPrompt = new string('s', 200);
            request.BackgroundMusicPrompt = new string('b', 200);
        }));

        Assert.Equal(200, ((string?)body["sound_effect_prompt"])!.Length);
        Assert.Equal(200, ((string?)body["bgm_prompt"])!.Length);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_sound_effect_prompt_over_200_chars()
    {
        var error = await RefusedAsync(Valid(request => request.SoundEffectPrompt = new string('s', 201)));

        var problem = Single(error, "sound_effect_prompt");
        Assert.Contains("201 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.VideoToAudio.MaxSoundEffectPromptLength", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_bgm_prompt_over_200_chars()
    {
        var error = await RefusedAsync(Valid(request => request.BackgroundMusicPrompt = new string('b', 201)));

        var problem = Single(error, "bgm_prompt");
        Assert.Contains("201 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.VideoToAudio.MaxBackgroundMusicPromptLength", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_prompt_limits_are_configurable()
    {
        var limits = new KlingValidationLimits { VideoToAudio = { MaxSoundEffectPromptLength = 5, MaxBackgroundMusicPromptLength = 300 } };

        await AcceptedAsync(Valid(request => request.BackgroundMusicPrompt = new string('b', 300)), limits);
        var error = await RefusedAsync(Valid(request => request.SoundEffectPrompt = "waves!"), limits);

        Assert.Contains("the limit is 5", Single(error, "sound_effect_prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_a_prompt_with_half_a_surrogate_pair()
    {
        var error = await RefusedAsync(Valid(request => request.BackgroundMusicPrompt = "jazz \uD83C"));

        Assert.Contains("surrogate", Single(error, "bgm_prompt").Message, StringComparison.Ordinal);
    }

    // ---- callback_url, external_task_id, extra fields, all at once ----

    [Fact]
    public async Task Create_video_to_audio_rejects_a_callback_url_that_is_not_http_and_a_blank_external_task_id()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.CallbackUrl = new Uri("ftp://example.com/hook");
            request.ExternalTaskId = string.Empty;
        }));

        Assert.Equal(["callback_url", "external_task_id"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public async Task Create_video_to_audio_rejects_an_extra_field_that_repeats_a_typed_one()
    {
        var error = await RefusedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["video_url"] = "https://x.example/v.mp4" }));

        Assert.Contains("VideoToAudioRequest.AdditionalProperties", Single(error, "video_url").Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> TypedFields() => new("video_id", "video_url", "sound_effect_prompt", "bgm_prompt", "asmr_mode", "external_task_id", "callback_url");

    [Theory]
    [MemberData(nameof(TypedFields))]
    public async Task Create_video_to_audio_guards_every_typed_field_against_a_repeat_in_AdditionalProperties(string field)
    {
        // Every field set that can be at once: the video by id when video_id is the one repeated, else by URL.
        var request = new VideoToAudioRequest
        {
            VideoId = field == "video_id" ? "862345789012345678" : null,
            VideoUrl = field == "video_id" ? null : Clip,
            SoundEffectPrompt = "waves",
            BackgroundMusicPrompt = "ukulele",
            AsmrMode = false,
            ExternalTaskId = "order-42",
            CallbackUrl = new Uri("https://example.com/kling/callback"),
            AdditionalProperties = new Dictionary<string, JsonNode?> { [field] = 1 },
        };

        var error = await RefusedAsync(request);

        Assert.Contains("AdditionalProperties", Single(error, field).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_to_audio_lists_every_problem_at_once_and_sends_nothing()
    {
        var error = await RefusedAsync(new VideoToAudioRequest
        {
            VideoId = "v-1",
            VideoUrl = new Uri("file:///tmp/surf.mp4"),
            SoundEffectPrompt = new string('s', 201),
            BackgroundMusicPrompt = new string('b', 201),
            CallbackUrl = new Uri("/hook", UriKind.Relative),
        });

        Assert.Equal(["video_url", "video_url", "sound_effect_prompt", "bgm_prompt", "callback_url"], error.Errors.Select(problem => problem.Path));
    }
}
