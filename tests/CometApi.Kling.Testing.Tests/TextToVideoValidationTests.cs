using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The text2video kind's own request checks (docs/kling-catalogue.md section 3.1), one test per rule. Each refusal is
/// 400 with code 1201, like image2video's, and makes no task.
/// </summary>
public class TextToVideoValidationTests
{
    private static JsonObject Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["prompt"] = "a lighthouse in a storm" };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    private static async Task<RawApi.Answer> CreateAsync(string json, KlingEmulatorOptions? options = null)
    {
        using var emulator = new KlingEmulator(options);
        using var api = new RawApi(emulator) { RoutePath = RawApi.TextToVideoRoute };
        var answer = await api.CreateAsync(json);
        if (answer.Status != 200)
        {
            Assert.Empty(emulator.Tasks);
        }

        return answer;
    }

    private static async Task AssertRefusedAsync(JsonObject body, string messagePart, KlingEmulatorOptions? options = null)
    {
        var answer = await CreateAsync(body.ToJsonString(), options);
        Assert.Equal(400, answer.Status);
        Assert.Equal(1201, answer.Code);
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(answer.Json.GetProperty("request_id").GetString(), out _));
    }

    private static async Task AssertAcceptedAsync(JsonObject body, KlingEmulatorOptions? options = null)
    {
        var answer = await CreateAsync(body.ToJsonString(), options);
        Assert.True(answer.Status == 200, answer.Text);
    }

    [Fact]
    public async Task Text2video_accepts_a_body_with_every_documented_field()
    {
        await AssertAcceptedAsync(JsonNode.Parse("""
            {
              "model_name": "kling-v2-6", "prompt": "<<<voice_1>>> says hello", "negative_prompt": "blur",
              "aspect_ratio": "9:16", "cfg_scale": 0.5, "mode": "pro", "duration": "10",
              "camera_control": {"type": "simple", "config": {"zoom": 5}},
              "sound": "on", "voice_list": [{"voice_id": "v-1"}], "watermark_info": {"enabled": false},
              "callback_url": "https://example.com/hook", "external_task_id": "order-1", "some_future_field": 1
            }
            """)!.AsObject());
    }

    [Fact]
    public async Task Text2video_refuses_a_body_that_is_not_json_with_code_1200()
    {
        var answer = await CreateAsync("{not json");

        Assert.Equal((400, 1200), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Text2video_requires_a_prompt()
    {
        await AssertRefusedAsync(new JsonObject { ["duration"] = "5" }, "prompt is required");
        await AssertRefusedAsync(new JsonObject { ["prompt"] = null }, "prompt is required");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Text2video_rejects_an_empty_or_blank_prompt(string prompt)
    {
        await AssertRefusedAsync(Body(("prompt", prompt)), "invalid prompt: empty");
    }

    [Fact]
    public async Task Text2video_rejects_a_prompt_that_is_not_a_string()
    {
        await AssertRefusedAsync(Body(("prompt", 42)), "invalid prompt: must be a string");
    }

    [Fact]
    public async Task Text2video_rejects_prompt_over_500_chars()
    {
        await AssertAcceptedAsync(Body(("prompt", new string('a', 500))));
        await AssertRefusedAsync(Body(("prompt", new string('a', 501))), "invalid prompt: 501 characters, the limit is 500");
    }

    [Fact]
    public async Task Text2video_counts_prompt_length_in_unicode_scalar_values_not_utf16_units()
    {
        await AssertAcceptedAsync(Body(("prompt", string.Concat(Enumerable.Repeat("😀", 500)))));
        await AssertRefusedAsync(Body(("prompt", string.Concat(Enumerable.Repeat("😀", 501)))), "501 characters");
    }

    [Fact]
    public async Task Text2video_prompt_limit_is_configurable_like_image2video()
    {
        var official = new KlingEmulatorOptions { MaxPromptLength = 2500 };
        await AssertAcceptedAsync(Body(("prompt", new string('a', 2500))), official);
    }

    [Fact]
    public async Task Text2video_rejects_negative_prompt_over_200_chars()
    {
        await AssertAcceptedAsync(Body(("negative_prompt", new string('b', 200))));
        await AssertRefusedAsync(Body(("negative_prompt", new string('b', 201))), "invalid negative_prompt: 201 characters, the limit is 200");
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    [InlineData("3:2")]
    [InlineData("2:3")]
    public async Task Text2video_accepts_each_aspect_ratio_cometapi_lists(string ratio)
    {
        await AssertAcceptedAsync(Body(("aspect_ratio", ratio)));
    }

    [Theory]
    [InlineData("21:9")]
    [InlineData("16/9")]
    [InlineData("")]
    public async Task Text2video_rejects_an_aspect_ratio_cometapi_does_not_list(string ratio)
    {
        await AssertRefusedAsync(Body(("aspect_ratio", ratio)), $"invalid aspect_ratio: '{ratio}' is not one of 16:9, 9:16, 1:1, 4:3, 3:4, 3:2, 2:3");
    }

    [Fact]
    public async Task Text2video_rejects_an_aspect_ratio_that_is_not_a_string()
    {
        await AssertRefusedAsync(Body(("aspect_ratio", 1.78)), "invalid aspect_ratio: must be a string");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public async Task Text2video_rejects_cfg_scale_outside_0_to_1(double value)
    {
        await AssertRefusedAsync(Body(("cfg_scale", value)), "is outside [0, 1]");
    }

    [Fact]
    public async Task Text2video_accepts_cfg_scale_at_both_ends_of_0_to_1()
    {
        await AssertAcceptedAsync(Body(("cfg_scale", 0)));
        await AssertAcceptedAsync(Body(("cfg_scale", 1)));
    }

    [Fact]
    public async Task Text2video_rejects_cfg_scale_that_is_not_a_number()
    {
        await AssertRefusedAsync(Body(("cfg_scale", "0.5")), "invalid cfg_scale: must be a number between 0 and 1");
    }

    [Fact]
    public async Task Text2video_rejects_a_mode_other_than_std_or_pro_and_4k_with_a_model_other_than_kling_v3()
    {
        await AssertAcceptedAsync(Body(("mode", "std")));
        await AssertAcceptedAsync(Body(("model_name", "kling-v3"), ("mode", "4k")));
        await AssertRefusedAsync(Body(("model_name", "kling-v2-6"), ("mode", "4k")), "invalid mode: '4k' needs model_name kling-v3 (got kling-v2-6)");
        await AssertRefusedAsync(Body(("mode", "4k")), "invalid mode: '4k' needs model_name kling-v3 (got none)");
        await AssertRefusedAsync(Body(("mode", "fast")), "invalid mode: 'fast' must be std, pro or 4k");
    }

    [Fact]
    public async Task Text2video_rejects_a_duration_sent_as_a_json_number()
    {
        await AssertRefusedAsync(Body(("duration", 5)), "invalid duration: must be a string (\"5\", \"10\"), got number 5");
    }

    [Fact]
    public async Task Text2video_rejects_a_duration_other_than_5_or_10()
    {
        await AssertAcceptedAsync(Body(("duration", "10")));
        await AssertRefusedAsync(Body(("duration", "7")), "invalid duration: '7' is not one of \"5\", \"10\"");
    }

    [Fact]
    public async Task Text2video_rejects_an_unknown_model_name()
    {
        await AssertAcceptedAsync(Body(("model_name", "kling-v2-master")));
        await AssertRefusedAsync(Body(("model_name", "kling-v9")), "invalid model_name: 'kling-v9' is not a known model");
    }

    [Theory]
    [InlineData("""{"type":"simple","config":{"pan":3,"zoom":2}}""", "exactly one of")]
    [InlineData("""{"type":"simple"}""", "required when type is simple")]
    [InlineData("""{"type":"orbit"}""", "invalid camera_control.type: 'orbit'")]
    [InlineData("""{"type":"down_back","config":{"zoom":1}}""", "must be empty when type is down_back")]
    [InlineData("""{"type":"simple","config":{"roll":10.5}}""", "outside [-10, 10]")]
    public async Task Text2video_checks_camera_control_by_image2videos_rules(string camera, string messagePart)
    {
        await AssertRefusedAsync(Body(("camera_control", JsonNode.Parse(camera))), messagePart);
    }

    [Fact]
    public async Task Text2video_accepts_a_preset_camera_move_without_config()
    {
        await AssertAcceptedAsync(Body(("camera_control", JsonNode.Parse("""{"type":"forward_up"}"""))));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("image_tail")]
    [InlineData("static_mask")]
    [InlineData("dynamic_masks")]
    public async Task Text2video_rejects_an_image_input_because_it_belongs_on_the_image2video_route(string field)
    {
        await AssertRefusedAsync(Body((field, "https://example.com/cat.png")), $"invalid {field}: text2video takes no image");
    }

    [Fact]
    public async Task Text2video_rejects_a_callback_url_that_is_not_an_absolute_http_url()
    {
        await AssertRefusedAsync(Body(("callback_url", "/relative/hook")), "is not an absolute http(s) URL");
        await AssertRefusedAsync(Body(("callback_url", "ftp://example.com/hook")), "is not an absolute http(s) URL");
    }

    [Fact]
    public async Task Text2video_rejects_an_external_task_id_that_is_not_a_string()
    {
        await AssertRefusedAsync(Body(("external_task_id", 42)), "invalid external_task_id: must be a string");
    }

    [Fact]
    public async Task Text2video_rejects_a_sound_other_than_on_or_off()
    {
        await AssertRefusedAsync(Body(("sound", "loud")), "invalid sound: 'loud' must be on or off");
    }

    [Fact]
    public async Task Text2video_rejects_a_voice_reference_without_sound_on()
    {
        await AssertRefusedAsync(
            Body(("prompt", "<<<voice_1>>> sings"), ("voice_list", JsonNode.Parse("""[{"voice_id":"v"}]"""))),
            "invalid sound: must be on when the prompt refers to a voice");
    }

    [Fact]
    public async Task Text2video_rejects_a_voice_reference_beyond_voice_list()
    {
        await AssertRefusedAsync(
            Body(("prompt", "<<<voice_2>>> sings"), ("sound", "on"), ("voice_list", JsonNode.Parse("""[{"voice_id":"v"}]"""))),
            "invalid prompt: <<<voice_2>>> refers to no voice, voice_list has 1");
    }

    [Fact]
    public async Task Text2video_rejects_more_than_2_voices()
    {
        await AssertRefusedAsync(
            Body(("voice_list", JsonNode.Parse("""[{"voice_id":"a"},{"voice_id":"b"},{"voice_id":"c"}]"""))),
            "invalid voice_list: 3 voices, at most 2");
    }

    [Fact]
    public async Task Text2video_rejects_voice_list_and_element_list_together()
    {
        await AssertRefusedAsync(
            Body(("voice_list", JsonNode.Parse("""[{"voice_id":"a"}]""")), ("element_list", JsonNode.Parse("""[{"element_id":1}]"""))),
            "element_list and voice_list are mutually exclusive");
    }

    [Fact]
    public async Task Text2video_rejects_more_than_3_elements()
    {
        await AssertRefusedAsync(
            Body(("element_list", JsonNode.Parse("""[{"element_id":1},{"element_id":2},{"element_id":3},{"element_id":4}]"""))),
            "invalid element_list: 4 elements, at most 3");
    }

    [Fact]
    public async Task Text2video_rejects_multi_shot_without_a_shot_type()
    {
        await AssertRefusedAsync(Body(("multi_shot", true)), "invalid shot_type: required when multi_shot is true");
    }

    [Fact]
    public async Task Text2video_rejects_custom_shots_that_do_not_add_up_to_the_duration()
    {
        await AssertRefusedAsync(
            Body(("multi_shot", true), ("shot_type", "customize"), ("duration", "10"),
                ("multi_prompt", JsonNode.Parse("""[{"index":1,"prompt":"a","duration":"3"},{"index":2,"prompt":"b","duration":"3"}]"""))),
            "the shots last 6 s in total, but duration is \"10\"");
    }

    [Fact]
    public async Task Text2video_accepts_custom_shots_without_a_prompt_since_each_shot_has_its_own()
    {
        var body = new JsonObject
        {
            ["multi_shot"] = true,
            ["shot_type"] = "customize",
            ["multi_prompt"] = JsonNode.Parse("""[{"index":1,"prompt":"a","duration":"2"},{"index":2,"prompt":"b","duration":"3"}]"""),
        };

        await AssertAcceptedAsync(body);
    }

    [Fact]
    public async Task Text2video_still_requires_a_prompt_for_intelligent_multi_shot()
    {
        await AssertRefusedAsync(new JsonObject { ["multi_shot"] = true, ["shot_type"] = "intelligence" }, "prompt is required");
    }

    [Fact]
    public async Task Text2video_rejects_watermark_info_whose_enabled_is_not_a_boolean()
    {
        await AssertRefusedAsync(Body(("watermark_info", JsonNode.Parse("""{"enabled":"yes"}"""))), "invalid watermark_info.enabled: must be a boolean");
    }

    [Fact]
    public async Task Text2video_counts_json_null_as_absent()
    {
        await AssertAcceptedAsync(Body(("aspect_ratio", null), ("duration", null), ("camera_control", null), ("image", null), ("cfg_scale", null)));
    }
}
