using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The text-to-video rules (kling-catalogue §3.1), checked by the client before anything is sent: every refusal
/// asserts that no request left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class TextToVideoValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TextToVideoRequest Valid(Action<TextToVideoRequest>? change = null)
    {
        var request = new TextToVideoRequest { Prompt = "A red fox runs through fresh snow at dawn" };
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

    /// <summary>Creates through the client, expects a refusal, and checks that nothing was sent.</summary>
    private static async Task<KlingValidationException> RefusedAsync(TextToVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateTextToVideoAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    /// <summary>Creates through the client and checks that exactly one create went out; returns its body.</summary>
    private static async Task<JsonObject> AcceptedAsync(TextToVideoRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateTextToVideoAsync(request, Token);
        Assert.Equal(KlingTaskKind.TextToVideo, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.EndsWith("/kling/v1/videos/text2video", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    private static string Emoji(int count) => string.Concat(Enumerable.Repeat("\U0001F98A", count));

    // ---- prompt ----

    [Fact]
    public async Task Create_text2video_rejects_a_missing_prompt()
    {
        var error = await RefusedAsync(new TextToVideoRequest { Mode = KlingMode.Pro });

        Assert.Contains("required", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task Create_text2video_rejects_an_empty_or_blank_prompt(string prompt)
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = prompt));

        Assert.Contains("blank", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_accepts_a_prompt_of_exactly_500_chars()
    {
        var prompt = new string('a', 500);

        var body = await AcceptedAsync(Valid(request => request.Prompt = prompt));

        Assert.Equal(prompt, (string?)body["prompt"]);
    }

    [Fact]
    public async Task Create_text2video_rejects_prompt_over_500_chars()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 501)));

        var problem = Single(error, "prompt");
        Assert.Contains("501 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("500", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.MaxPromptLength", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_counts_the_prompt_in_unicode_scalar_values_not_utf16_units()
    {
        // 500 emoji are 1000 UTF-16 code units but 500 characters as the limit counts them.
        await AcceptedAsync(Valid(request => request.Prompt = Emoji(500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = Emoji(501)));

        Assert.Contains("501 characters", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_prompt_limit_is_KlingValidationLimits_MaxPromptLength()
    {
        var limits = new KlingValidationLimits { MaxPromptLength = 10 };

        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 10)), limits);
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 11)), limits);
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 2500)), KlingValidationLimits.CreateOfficial());
        await RefusedAsync(Valid(request => request.Prompt = new string('a', 2501)), KlingValidationLimits.CreateOfficial());

        Assert.Contains("the limit is 10", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_prompt_with_half_a_surrogate_pair()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = "fox \uD83E"));

        Assert.Contains("surrogate", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    // ---- negative_prompt ----

    [Fact]
    public async Task Create_text2video_accepts_negative_prompt_of_200_chars_and_rejects_201()
    {
        var body = await AcceptedAsync(Valid(request => request.NegativePrompt = new string('n', 200)));
        var error = await RefusedAsync(Valid(request => request.NegativePrompt = new string('n', 201)));

        Assert.Equal(200, ((string?)body["negative_prompt"])!.Length);
        var problem = Single(error, "negative_prompt");
        Assert.Contains("201 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("MaxNegativePromptLength", problem.Message, StringComparison.Ordinal);
    }

    // ---- aspect_ratio ----

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    [InlineData("3:2")]
    [InlineData("2:3")]
    public async Task Create_text2video_accepts_every_CometAPI_aspect_ratio(string ratio)
    {
        var body = await AcceptedAsync(Valid(request => request.AspectRatio = ratio));

        Assert.Equal(ratio, (string?)body["aspect_ratio"]);
    }

    [Theory]
    [InlineData("21:9")]
    [InlineData("16/9")]
    [InlineData("")]
    public async Task Create_text2video_rejects_an_aspect_ratio_outside_AllowedAspectRatios(string ratio)
    {
        var error = await RefusedAsync(Valid(request => request.AspectRatio = new KlingAspectRatio(ratio)));

        var problem = Single(error, "aspect_ratio");
        Assert.Contains("AllowedAspectRatios", problem.Message, StringComparison.Ordinal);
        Assert.Contains("\"16:9\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_with_official_limits_refuses_4_3_but_takes_16_9_9_16_and_1_1()
    {
        var official = KlingValidationLimits.CreateOfficial();

        var error = await RefusedAsync(Valid(request => request.AspectRatio = KlingAspectRatio.Landscape4x3), official);
        foreach (var ratio in new[] { KlingAspectRatio.Landscape16x9, KlingAspectRatio.Portrait9x16, KlingAspectRatio.Square1x1 })
        {
            await AcceptedAsync(Valid(request => request.AspectRatio = ratio), official);
        }

        Assert.Contains("\"4:3\" is not accepted", Single(error, "aspect_ratio").Message, StringComparison.Ordinal);
        Assert.Equal(["16:9", "1:1", "9:16"], official.AllowedAspectRatios.Order(StringComparer.Ordinal));
        Assert.Contains("4:3", new KlingValidationLimits().AllowedAspectRatios);
    }

    // ---- cfg_scale ----

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public async Task Create_text2video_accepts_cfg_scale_from_0_to_1(double cfg)
    {
        var body = await AcceptedAsync(Valid(request => request.CfgScale = cfg));

        Assert.Equal(cfg, (double)body["cfg_scale"]!);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Create_text2video_rejects_cfg_scale_outside_0_to_1(double cfg)
    {
        var error = await RefusedAsync(Valid(request => request.CfgScale = cfg));

        Assert.Contains("MinCfgScale", Single(error, "cfg_scale").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kling-v2-master")]
    [InlineData("kling-v2-1")]
    [InlineData("kling-v2-1-master")]
    [InlineData("kling-v2-5-turbo")]
    [InlineData("kling-v2-6")]
    [InlineData("kling-v2")]
    public async Task Create_text2video_rejects_cfg_scale_with_a_kling_v2_model(string model)
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.ModelName = model;
            request.CfgScale = 0.5;
        }));

        var problem = Single(error, "cfg_scale");
        Assert.Contains("kling-v2.x", problem.Message, StringComparison.Ordinal);
        Assert.Contains(model, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kling-v1")]
    [InlineData("kling-v1-6")]
    [InlineData("kling-v20")]
    [InlineData("kling-v3")]
    public async Task Create_text2video_accepts_cfg_scale_with_a_model_that_is_not_kling_v2(string model)
    {
        var body = await AcceptedAsync(Valid(request =>
        {
            request.ModelName = model;
            request.CfgScale = 0.5;
        }));

        Assert.Equal(model, (string?)body["model_name"]);
    }

    [Fact]
    public async Task Create_text2video_accepts_a_kling_v2_model_without_cfg_scale()
    {
        var body = await AcceptedAsync(Valid(request => request.ModelName = KlingModel.KlingV26));

        Assert.False(body.ContainsKey("cfg_scale"));
    }

    // ---- mode and duration ----

    [Fact]
    public async Task Create_text2video_accepts_std_and_pro_and_rejects_another_mode()
    {
        await AcceptedAsync(Valid(request => request.Mode = KlingMode.Standard));
        await AcceptedAsync(Valid(request => request.Mode = KlingMode.Pro));
        var error = await RefusedAsync(Valid(request => request.Mode = "turbo"));

        Assert.Contains("AllowedModes", Single(error, "mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_sends_mode_4k_with_kling_v3_and_refuses_it_with_another_model_or_none()
    {
        var body = await AcceptedAsync(Valid(request => (request.ModelName, request.Mode) = (KlingModel.KlingV3, KlingMode.FourK)));
        var other = await RefusedAsync(Valid(request => (request.ModelName, request.Mode) = (KlingModel.KlingV26, KlingMode.FourK)));
        var unset = await RefusedAsync(Valid(request => request.Mode = KlingMode.FourK));

        Assert.Equal(("kling-v3", "4k"), ((string?)body["model_name"], (string?)body["mode"]));
        Assert.Contains("mode \"4k\" needs model_name \"kling-v3\" (it is \"kling-v2-6\")", Single(other, "mode").Message, StringComparison.Ordinal);
        Assert.Contains("mode \"4k\" needs model_name \"kling-v3\" (it is not set", Single(unset, "mode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_accepts_5_and_10_seconds_and_rejects_another_duration_unless_the_limits_allow_it()
    {
        await AcceptedAsync(Valid(request => request.Duration = KlingDuration.Five));
        await AcceptedAsync(Valid(request => request.Duration = KlingDuration.Ten));
        var error = await RefusedAsync(Valid(request => request.Duration = KlingDuration.FromSeconds(7)));
        var body = await AcceptedAsync(Valid(request => request.Duration = KlingDuration.FromSeconds(7)), KlingValidationLimits.CreateOfficial());

        Assert.Contains("AllowedDurations", Single(error, "duration").Message, StringComparison.Ordinal);
        Assert.Equal("7", (string?)body["duration"]);
    }

    // ---- camera_control ----

    [Fact]
    public async Task Create_text2video_accepts_a_simple_camera_with_one_axis_and_a_preset_without_config()
    {
        await AcceptedAsync(Valid(request => request.CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Zoom = 5 } }));
        await AcceptedAsync(Valid(request => request.CameraControl = new KlingCameraControl { Type = KlingCameraControlType.DownBack }));
    }

    [Fact]
    public async Task Create_text2video_rejects_a_simple_camera_without_config()
    {
        var error = await RefusedAsync(Valid(request => request.CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple }));

        Assert.Contains("required", Single(error, "camera_control.config").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_simple_camera_with_two_axes()
    {
        var error = await RefusedAsync(Valid(request => request.CameraControl = new KlingCameraControl
        {
            Type = KlingCameraControlType.Simple,
            Config = new KlingCameraConfig { Pan = 2, Tilt = 3 },
        }));

        Assert.Contains("exactly one non-zero axis; 2 are set: pan, tilt", Single(error, "camera_control.config").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_camera_axis_beyond_10()
    {
        var error = await RefusedAsync(Valid(request => request.CameraControl = new KlingCameraControl
        {
            Type = KlingCameraControlType.Simple,
            Config = new KlingCameraConfig { Horizontal = 10.5 },
        }));

        Assert.Contains("MaxCameraConfigValue", Single(error, "camera_control.config.horizontal").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_an_unknown_camera_type_and_a_config_on_a_preset()
    {
        var unknown = await RefusedAsync(Valid(request => request.CameraControl = new KlingCameraControl { Type = "orbit" }));
        var preset = await RefusedAsync(Valid(request => request.CameraControl = new KlingCameraControl
        {
            Type = KlingCameraControlType.ForwardUp,
            Config = new KlingCameraConfig { Zoom = 1 },
        }));

        Assert.Contains("AllowedCameraControlTypes", Single(unknown, "camera_control.type").Message, StringComparison.Ordinal);
        Assert.Contains("takes no config", Single(preset, "camera_control.config").Message, StringComparison.Ordinal);
    }

    // ---- callback_url and external_task_id ----

    [Theory]
    [InlineData("https://example.com/kling/hook")]
    [InlineData("http://example.com/kling/hook")]
    public async Task Create_text2video_accepts_an_absolute_http_or_https_callback_url(string url)
    {
        var body = await AcceptedAsync(Valid(request => request.CallbackUrl = new Uri(url)));

        Assert.Equal(url, (string?)body["callback_url"]);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_relative_callback_url()
    {
        var error = await RefusedAsync(Valid(request => request.CallbackUrl = new Uri("/kling/hook", UriKind.Relative)));

        Assert.Contains("relative", Single(error, "callback_url").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "ftp")]
    [InlineData("file:///tmp/hook", "file")]
    public async Task Create_text2video_rejects_a_callback_url_that_is_not_http(string url, string scheme)
    {
        var error = await RefusedAsync(Valid(request => request.CallbackUrl = new Uri(url)));

        Assert.Contains($"'{scheme}'", Single(error, "callback_url").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_text2video_rejects_a_blank_external_task_id(string externalTaskId)
    {
        var error = await RefusedAsync(Valid(request => request.ExternalTaskId = externalTaskId));

        Assert.Contains("blank", Single(error, "external_task_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_control_character_in_external_task_id()
    {
        var error = await RefusedAsync(Valid(request => request.ExternalTaskId = "order\n42"));

        Assert.Contains("U+000A", Single(error, "external_task_id").Message, StringComparison.Ordinal);
    }

    // ---- multi-shot ----

    private static KlingShot[] Shots(params int[] seconds) =>
        seconds.Select((s, i) => new KlingShot { Index = i + 1, Prompt = $"shot {i + 1}", Duration = KlingDuration.FromSeconds(s) }).ToArray();

    [Fact]
    public async Task Create_text2video_accepts_a_customized_multi_shot_video_without_prompt()
    {
        var body = await AcceptedAsync(new TextToVideoRequest
        {
            MultiShot = true,
            ShotType = KlingShotType.Customize,
            Shots = Shots(2, 3),
            Duration = KlingDuration.Five,
        });

        Assert.False(body.ContainsKey("prompt"));
        Assert.True((bool)body["multi_shot"]!);
        Assert.Equal("customize", (string?)body["shot_type"]);
        Assert.Equal(2, body["multi_prompt"]!.AsArray().Count);
    }

    [Fact]
    public async Task Create_text2video_rejects_an_intelligence_multi_shot_video_without_prompt()
    {
        var error = await RefusedAsync(new TextToVideoRequest { MultiShot = true, ShotType = KlingShotType.Intelligence });

        Assert.Contains("intelligence", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_accepts_an_intelligence_multi_shot_video_with_prompt()
    {
        await AcceptedAsync(Valid(request =>
        {
            request.MultiShot = true;
            request.ShotType = KlingShotType.Intelligence;
        }));
    }

    [Fact]
    public async Task Create_text2video_rejects_multi_shot_without_shot_type_and_customized_shots_that_do_not_add_up()
    {
        var noType = await RefusedAsync(Valid(request => request.MultiShot = true));
        var wrongSum = await RefusedAsync(new TextToVideoRequest
        {
            MultiShot = true,
            ShotType = KlingShotType.Customize,
            Shots = Shots(2, 2),
            Duration = KlingDuration.Five,
        });
        var noShots = await RefusedAsync(new TextToVideoRequest { MultiShot = true, ShotType = KlingShotType.Customize });

        Assert.Contains("required", Single(noType, "shot_type").Message, StringComparison.Ordinal);
        Assert.Contains("4 seconds in total", Single(wrongSum, "multi_prompt").Message, StringComparison.Ordinal);
        Assert.Contains("required", Single(noShots, "multi_prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_without_multi_shot_still_requires_a_prompt_even_with_shots()
    {
        var error = await RefusedAsync(new TextToVideoRequest { MultiShot = false, ShotType = KlingShotType.Customize, Shots = Shots(5) });

        Assert.Equal("prompt", Single(error, "prompt").Path);
    }

    // ---- voices and sound ----

    private static readonly KlingVoice[] OneVoice = [new KlingVoice { VoiceId = "voice-123" }];

    [Fact]
    public async Task Create_text2video_rejects_a_voice_reference_without_sound()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Prompt = "The fox says <<<voice_1>>> hello";
            request.Voices = OneVoice;
        }));

        Assert.Contains("not set", Single(error, "sound").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_voice_reference_with_sound_off()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.Prompt = "The fox says <<<voice_1>>> hello";
            request.Voices = OneVoice;
            request.Sound = KlingSound.Off;
        }));

        Assert.Contains("\"off\"", Single(error, "sound").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text2video_accepts_a_voice_reference_with_sound_on()
    {
        var body = await AcceptedAsync(Valid(request =>
        {
            request.Prompt = "The fox says <<<voice_1>>> hello";
            request.Voices = OneVoice;
            request.Sound = KlingSound.On;
        }));

        Assert.Equal("on", (string?)body["sound"]);
        Assert.Equal("voice-123", (string?)body["voice_list"]![0]!["voice_id"]);
    }

    [Fact]
    public async Task Create_text2video_rejects_a_reference_to_a_voice_that_is_not_listed_and_more_than_two_voices()
    {
        var missing = await RefusedAsync(Valid(request =>
        {
            request.Prompt = "<<<voice_2>>> speaks";
            request.Voices = OneVoice;
            request.Sound = KlingSound.On;
        }));
        var tooMany = await RefusedAsync(Valid(request =>
        {
            request.Voices = [new KlingVoice { VoiceId = "a" }, new KlingVoice { VoiceId = "b" }, new KlingVoice { VoiceId = "c" }];
        }));

        Assert.Contains("<<<voice_2>>>", Single(missing, "prompt").Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", Single(tooMany, "voice_list").Message, StringComparison.Ordinal);
    }

    // ---- AdditionalProperties ----

    [Fact]
    public async Task Create_text2video_rejects_an_extra_field_that_repeats_a_typed_field_that_is_set()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.CfgScale = 0.5;
            request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["cfg_scale"] = 0.7, ["prompt"] = "other" };
        }));

        Assert.Equal(["prompt", "cfg_scale"], error.Errors.Select(problem => problem.Path));
        Assert.All(error.Errors, problem => Assert.Contains("TextToVideoRequest.AdditionalProperties", problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_text2video_sends_an_extra_field_whose_typed_field_is_not_set()
    {
        var body = await AcceptedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?>
        {
            ["cfg_scale"] = 0.7,
            ["future_field"] = new JsonObject { ["on"] = true },
        }));

        Assert.Equal(0.7, (double)body["cfg_scale"]!);
        Assert.True((bool)body["future_field"]!["on"]!);
    }

    // ---- everything at once ----

    [Fact]
    public async Task Create_text2video_reports_every_problem_at_once_in_field_order()
    {
        var error = await RefusedAsync(new TextToVideoRequest
        {
            Prompt = " ",
            NegativePrompt = new string('n', 201),
            ModelName = KlingModel.KlingV2Master,
            AspectRatio = "21:9",
            Mode = "turbo",
            Duration = "7",
            CfgScale = 0.5,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple },
            CallbackUrl = new Uri("ftp://example.com/hook"),
            ExternalTaskId = " ",
        });

        Assert.Equal(
            ["prompt", "negative_prompt", "aspect_ratio", "mode", "duration", "cfg_scale", "camera_control.config", "callback_url", "external_task_id"],
            error.Errors.Select(problem => problem.Path));
        Assert.StartsWith("The request has 9 problems; nothing was sent:", error.Message, StringComparison.Ordinal);
        Assert.All(error.Errors, problem => Assert.Contains(problem.ToString(), error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void KlingRequestValidator_checks_a_text2video_request_like_the_client_without_any_client()
    {
        var validator = new KlingRequestValidator(new KlingValidationLimits { MaxPromptLength = 5 });

        var errors = validator.Validate(new TextToVideoRequest { Prompt = "too long", AspectRatio = "5:4" });
        var none = new KlingRequestValidator().Validate(Valid());

        Assert.Equal(["prompt", "aspect_ratio"], errors.Select(problem => problem.Path));
        Assert.Empty(none);
    }

    [Fact]
    public async Task KlingRequestValidator_ValidateAsync_takes_a_text2video_request_as_a_KlingTaskRequest()
    {
        KlingTaskRequest request = new TextToVideoRequest();

        var errors = await new KlingRequestValidator().ValidateAsync(request, Token);

        Assert.Equal("prompt", Assert.Single(errors).Path);
        Assert.Equal(KlingTaskKind.TextToVideo, request.Kind);
    }
}
