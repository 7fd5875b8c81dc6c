using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The avatar rules (kling-catalogue §3.4), checked by the client before anything is sent: every refusal asserts that
/// no request left the client, every acceptance that exactly one create was sent.
/// </summary>
public sealed class AvatarValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AvatarRequest Valid(Action<AvatarRequest>? change = null)
    {
        var request = new AvatarRequest
        {
            Image = KlingImage.FromBytes(TestImages.Png(600, 800)),
            Audio = KlingAudio.FromBytes(TestAudio.Wav(10)),
            Prompt = "She smiles and greets the viewer",
        };
        change?.Invoke(request);
        return request;
    }

    private static async Task<KlingValidationException> RefusedAsync(AvatarRequest request, KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options => options.ValidationLimits = limits ?? new KlingValidationLimits());
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateAvatarAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(AvatarRequest request, KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options => options.ValidationLimits = limits ?? new KlingValidationLimits());
        var created = await client.CreateAvatarAsync(request, Token);
        Assert.Equal(KlingTaskKind.Avatar, created.Data.Kind);
        return JsonNode.Parse(Assert.Single(handler.Requests).Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    [Fact]
    public async Task Create_avatar_accepts_a_local_face_a_10_s_wav_and_a_prompt()
    {
        var body = await AcceptedAsync(Valid());

        Assert.Equal(["image", "sound_file", "prompt", "external_task_id"], body.Select(property => property.Key));
    }

    // ---- image ----

    [Fact]
    public async Task Create_avatar_rejects_a_missing_image()
    {
        var error = await RefusedAsync(Valid(request => request.Image = null));

        Assert.Contains("image is required", Single(error, "image").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_applies_the_common_image_rule_to_a_local_image()
    {
        var small = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestImages.Png(299, 400))));
        var wide = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestImages.Png(1300, 500))));
        var notImage = await RefusedAsync(Valid(request => request.Image = KlingImage.FromBytes(TestAudio.Mp3())));

        Assert.Contains("at least 300 px", Single(small, "image").Message, StringComparison.Ordinal);
        Assert.Contains("aspect ratio", Single(wide, "image").Message, StringComparison.Ordinal);
        Assert.Equal("image", Assert.Single(notImage.Errors).Path);
    }

    // ---- audio_id / sound_file ----

    [Fact]
    public async Task Create_avatar_rejects_neither_audio_id_nor_sound_file()
    {
        var error = await RefusedAsync(Valid(request => request.Audio = null));

        var problem = Single(error, "audio_id");
        Assert.Contains("audio_id or sound_file is required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_rejects_both_audio_id_and_sound_file_naming_both()
    {
        var error = await RefusedAsync(Valid(request => request.AudioId = "audio-1"));

        var problem = Single(error, "sound_file");
        Assert.Contains("sound_file cannot be combined with audio_id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_accepts_an_audio_id_alone_and_rejects_a_blank_one()
    {
        var body = await AcceptedAsync(Valid(request => (request.Audio, request.AudioId) = (null, "audio-1")));
        var error = await RefusedAsync(Valid(request => (request.Audio, request.AudioId) = (null, "  ")));

        Assert.Equal("audio-1", (string?)body["audio_id"]);
        Assert.Contains("blank", Single(error, "audio_id").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.9)]
    [InlineData(60.1)]
    public async Task Create_avatar_rejects_a_wav_outside_2_to_60_s_on_CometAPI(double seconds)
    {
        var error = await RefusedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestAudio.Wav(seconds))));

        var problem = Single(error, "sound_file");
        Assert.Contains("it must last 2 to 60 s", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.Avatar.MinAudioLength, Avatar.MaxAudioLength", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(60)]
    public async Task Create_avatar_accepts_a_wav_of_exactly_2_or_60_s(double seconds) =>
        await AcceptedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestAudio.Wav(seconds))));

    [Fact]
    public async Task Create_avatar_with_the_official_limits_accepts_a_wav_up_to_300_s_and_no_prompt()
    {
        var official = KlingValidationLimits.CreateOfficial();

        await AcceptedAsync(Valid(request => (request.Audio, request.Prompt) = (KlingAudio.FromBytes(TestAudio.Wav(300)), null)), official);
        var error = await RefusedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestAudio.Wav(300.5))), official);

        Assert.Contains("it must last 2 to 300 s", Single(error, "sound_file").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_does_not_measure_an_mp3_whose_length_only_the_service_knows()
    {
        await AcceptedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestAudio.Mp3())));
    }

    [Fact]
    public async Task Create_avatar_rejects_audio_over_5_MB_and_audio_of_another_format()
    {
        var big = await RefusedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestAudio.Mp3((5 * 1024 * 1024) + 1))));
        var png = await RefusedAsync(Valid(request => request.Audio = KlingAudio.FromBytes(TestImages.Png(400, 400))));

        Assert.Contains("KlingValidationLimits.MaxAudioBytes", Single(big, "sound_file").Message, StringComparison.Ordinal);
        Assert.Contains("not MP3, WAV, M4A or AAC", Single(png, "sound_file").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_reports_a_missing_audio_file_without_sending()
    {
        var error = await RefusedAsync(Valid(request => request.Audio = KlingAudio.FromFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".mp3"))));

        Assert.Contains("cannot be read", Single(error, "sound_file").Message, StringComparison.Ordinal);
    }

    // ---- prompt ----

    [Fact]
    public async Task Create_avatar_rejects_a_missing_prompt_because_CometAPI_does()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = null));

        var problem = Single(error, "prompt");
        Assert.Contains("CometAPI rejects avatar requests without one", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.Avatar.RequirePrompt", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_rejects_a_blank_prompt_and_without_Avatar_RequirePrompt_accepts_none()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = " "));
        var body = await AcceptedAsync(Valid(request => request.Prompt = null), new KlingValidationLimits { Avatar = { RequirePrompt = false } });

        Assert.Contains("blank", Single(error, "prompt").Message, StringComparison.Ordinal);
        Assert.False(body.ContainsKey("prompt"));
    }

    [Fact]
    public async Task Create_avatar_accepts_a_prompt_of_2500_chars_and_rejects_prompt_over_2500_chars()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 2500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 2501)));

        var problem = Single(error, "prompt");
        Assert.Contains("2501 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.Avatar.MaxPromptLength", problem.Message, StringComparison.Ordinal);
    }

    // ---- mode, callback, ids, extras ----

    [Fact]
    public async Task Create_avatar_rejects_a_mode_other_than_std_or_pro_and_4k_which_only_kling_v3_video_models_make()
    {
        var other = await RefusedAsync(Valid(request => request.Mode = "turbo"));
        var fourK = await RefusedAsync(Valid(request => request.Mode = KlingMode.FourK));

        Assert.Contains("KlingValidationLimits.AllowedModes", Single(other, "mode").Message, StringComparison.Ordinal);
        Assert.Contains("mode \"4k\" is not accepted here: Kling makes native 4K only with model_name \"kling-v3\"", Single(fourK, "mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_rejects_an_extra_field_that_repeats_a_typed_one()
    {
        var error = await RefusedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["prompt"] = "again" }));

        Assert.Contains("AvatarRequest.AdditionalProperties has the key 'prompt'", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_avatar_reports_every_problem_at_once_and_sends_nothing()
    {
        var error = await RefusedAsync(new AvatarRequest
        {
            AudioId = "audio-1",
            Audio = KlingAudio.FromBytes(TestAudio.Wav(1)),
            Prompt = new string('a', 2501),
            Mode = "turbo",
            CallbackUrl = new Uri("/relative", UriKind.Relative),
            ExternalTaskId = " ",
        });

        Assert.Equal(
            ["image", "sound_file", "sound_file", "prompt", "mode", "callback_url", "external_task_id"],
            error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public void The_avatar_limits_are_checked_when_a_client_is_made()
    {
        var limits = new KlingValidationLimits { Avatar = { MinAudioLength = TimeSpan.FromSeconds(10), MaxAudioLength = TimeSpan.FromSeconds(5), MaxPromptLength = -1 } };

        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(limits));

        Assert.Contains("KlingValidationLimits.Avatar.MinAudioLength and MaxAudioLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.Avatar.MaxPromptLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOfficial_allows_300_s_avatar_audio_and_an_optional_prompt_and_the_default_is_CometAPI()
    {
        var official = KlingValidationLimits.CreateOfficial();
        var comet = new KlingValidationLimits();

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(300), false, 2500), (official.Avatar.MinAudioLength, official.Avatar.MaxAudioLength, official.Avatar.RequirePrompt, official.Avatar.MaxPromptLength));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), true, 2500, 1), (comet.Avatar.MinAudioLength, comet.Avatar.MaxAudioLength, comet.Avatar.RequirePrompt, comet.Avatar.MaxPromptLength, comet.LipSync.MaxFaces));
    }
}
