using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;

namespace CometApi.Kling.Testing.Tests;

public class ValidationTests
{
    private const string Url = "https://example.com/cat.png";

    private static JsonObject Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["image"] = Url };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static async Task<RawApi.Answer> CreateAsync(string json, KlingEmulatorOptions? options = null)
    {
        using var emulator = new KlingEmulator(options);
        using var api = new RawApi(emulator);
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
    public async Task A_body_that_is_not_json_is_refused_with_code_1200()
    {
        var answer = await CreateAsync("{not json");

        Assert.Equal(400, answer.Status);
        Assert.Equal(1200, answer.Code);
    }

    [Fact]
    public async Task A_json_array_body_is_refused_with_code_1200()
    {
        Assert.Equal(1200, (await CreateAsync("[]")).Code);
    }

    [Fact]
    public async Task An_image_or_image_tail_is_required()
    {
        var body = new JsonObject { ["prompt"] = "x" };
        await AssertRefusedAsync(body, "image is required");
        await AssertAcceptedAsync(new JsonObject { ["image_tail"] = Url });
    }

    [Fact]
    public async Task Null_fields_count_as_absent()
    {
        await AssertAcceptedAsync(Body(("prompt", null), ("duration", null), ("camera_control", null), ("image_tail", null)));
    }

    [Theory]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "without a prefix")]
    [InlineData("DATA:image/jpeg;base64,/9j/", "without a prefix")]
    [InlineData("not base64 !!", "neither an http(s) URL nor valid base64")]
    [InlineData("ftp://example.com/a.png", "neither an http(s) URL nor valid base64")]
    [InlineData("   ", "empty")]
    public async Task An_image_must_be_a_url_or_raw_base64_without_a_data_prefix(string image, string messagePart)
    {
        await AssertRefusedAsync(new JsonObject { ["image"] = image }, messagePart);
    }

    [Fact]
    public async Task An_image_must_be_a_string()
    {
        await AssertRefusedAsync(new JsonObject { ["image"] = 5 }, "invalid image: must be a string");
    }

    [Fact]
    public async Task Raw_base64_png_and_jpeg_of_at_least_300_px_are_accepted()
    {
        await AssertAcceptedAsync(new JsonObject { ["image"] = TestImages.PngBase64(300, 300) });
        await AssertAcceptedAsync(new JsonObject { ["image"] = TestImages.JpegHeaderBase64(1280, 720) });
        await AssertAcceptedAsync(new JsonObject { ["image"] = Url, ["image_tail"] = TestImages.PngBase64(400, 300) });
    }

    [Fact]
    public async Task A_base64_image_smaller_than_300_px_is_refused()
    {
        await AssertRefusedAsync(new JsonObject { ["image"] = TestImages.PngBase64(299, 400) }, "the image is 299x400 px, each side must be at least 300 px");
        await AssertRefusedAsync(new JsonObject { ["image"] = TestImages.JpegHeaderBase64(640, 200) }, "640x200");
    }

    [Fact]
    public async Task A_base64_image_outside_1_to_2_5_aspect_ratio_is_refused_but_not_an_end_frame()
    {
        await AssertRefusedAsync(new JsonObject { ["image"] = TestImages.PngBase64(1000, 300) }, "aspect ratio 1000:300 is outside 1:2.5 to 2.5:1");
        await AssertRefusedAsync(new JsonObject { ["image"] = TestImages.PngBase64(300, 751) }, "aspect ratio");
        await AssertAcceptedAsync(new JsonObject { ["image"] = TestImages.PngBase64(750, 300) });
        await AssertAcceptedAsync(new JsonObject { ["image_tail"] = TestImages.PngBase64(1000, 300) });
    }

    [Fact]
    public async Task A_base64_payload_that_is_not_jpeg_or_png_is_refused()
    {
        await AssertRefusedAsync(new JsonObject { ["image"] = Convert.ToBase64String("GIF89a........"u8.ToArray()) }, "only JPG, JPEG and PNG");
    }

    [Fact]
    public async Task A_base64_image_over_10_MB_is_refused()
    {
        var big = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Png(300, 300).CopyTo(big, 0);
        await AssertRefusedAsync(new JsonObject { ["image"] = Convert.ToBase64String(big) }, "more than 10 MB");
    }

    [Fact]
    public async Task Image_content_checks_can_be_turned_off()
    {
        await AssertAcceptedAsync(new JsonObject { ["image"] = "aGVsbG8=" }, new KlingEmulatorOptions { ValidateImageContent = false });
        await AssertRefusedAsync(new JsonObject { ["image"] = "aGVsbG8=" }, "only JPG, JPEG and PNG");
    }

    [Fact]
    public async Task The_prompt_may_have_500_characters_and_the_negative_prompt_200_by_default()
    {
        await AssertAcceptedAsync(Body(("prompt", new string('a', 500)), ("negative_prompt", new string('b', 200))));
        await AssertRefusedAsync(Body(("prompt", new string('a', 501))), "invalid prompt: 501 characters, the limit is 500");
        await AssertRefusedAsync(Body(("negative_prompt", new string('b', 201))), "invalid negative_prompt: 201 characters, the limit is 200");
    }

    [Fact]
    public async Task Prompt_lengths_count_unicode_characters_not_utf16_units()
    {
        await AssertAcceptedAsync(Body(("prompt", string.Concat(Enumerable.Repeat("😀", 500)))));
    }

    [Fact]
    public async Task Prompt_limits_are_configurable_for_the_official_2500()
    {
        var official = new KlingEmulatorOptions { MaxPromptLength = 2500, MaxNegativePromptLength = 2500 };
        await AssertAcceptedAsync(Body(("prompt", new string('a', 2500)), ("negative_prompt", new string('b', 2500))), official);
        await AssertRefusedAsync(Body(("prompt", new string('a', 2501))), "the limit is 2500", official);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("10")]
    public async Task Duration_5_and_10_as_json_strings_are_accepted(string duration)
    {
        await AssertAcceptedAsync(Body(("duration", duration)));
    }

    [Fact]
    public async Task Duration_as_a_json_number_is_refused()
    {
        await AssertRefusedAsync(Body(("duration", 5)), "invalid duration: must be a string (\"5\", \"10\"), got number 5");
    }

    [Fact]
    public async Task An_unlisted_duration_is_refused_unless_configured()
    {
        await AssertRefusedAsync(Body(("duration", "15")), "invalid duration: '15' is not one of \"5\", \"10\"");
        await AssertAcceptedAsync(Body(("duration", "15")), new KlingEmulatorOptions { Durations = ["5", "10", "15"] });
    }

    [Theory]
    [InlineData("kling-v1")]
    [InlineData("kling-v1-5")]
    [InlineData("kling-v1-6")]
    [InlineData("kling-v2-master")]
    [InlineData("kling-v2-1")]
    [InlineData("kling-v2-1-master")]
    [InlineData("kling-v2-5-turbo")]
    [InlineData("kling-v2-6")]
    [InlineData("kling-v3")]
    public async Task Every_official_model_is_accepted(string model)
    {
        await AssertAcceptedAsync(Body(("model_name", model)));
    }

    [Fact]
    public async Task An_unknown_model_is_refused()
    {
        await AssertRefusedAsync(Body(("model_name", "kling-v2")), "invalid model_name: 'kling-v2' is not a known model");
        await AssertRefusedAsync(Body(("model_name", "KLING-V1")), "is not a known model");
    }

    [Fact]
    public async Task Mode_must_be_std_or_pro_or_4k_with_kling_v3()
    {
        await AssertAcceptedAsync(Body(("mode", "std")));
        await AssertAcceptedAsync(Body(("mode", "pro")));
        await AssertAcceptedAsync(Body(("model_name", "kling-v3"), ("mode", "4k")));
        await AssertRefusedAsync(Body(("model_name", "kling-v2-1"), ("mode", "4k")), "invalid mode: '4k' needs model_name kling-v3 (got kling-v2-1)");
        await AssertRefusedAsync(Body(("mode", "fast")), "invalid mode: 'fast' must be std, pro or 4k");
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    [InlineData(-0.01, false)]
    [InlineData(1.01, false)]
    public async Task Cfg_scale_must_be_between_0_and_1(double value, bool accepted)
    {
        var body = Body(("cfg_scale", value));
        if (accepted)
        {
            await AssertAcceptedAsync(body);
        }
        else
        {
            await AssertRefusedAsync(body, "invalid cfg_scale");
        }
    }

    [Fact]
    public async Task Cfg_scale_as_a_string_is_refused()
    {
        await AssertRefusedAsync(Body(("cfg_scale", "0.5")), "invalid cfg_scale: must be a number");
    }

    private static JsonObject Mask(int points) => new()
    {
        ["mask"] = Url,
        ["trajectories"] = new JsonArray([.. Enumerable.Range(0, points).Select(i => (JsonNode)new JsonObject { ["x"] = i, ["y"] = i })]),
    };

    [Fact]
    public async Task Up_to_6_dynamic_masks_with_2_to_77_points_are_accepted()
    {
        await AssertAcceptedAsync(Body(("dynamic_masks", new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)Mask(2))]))));
        await AssertAcceptedAsync(Body(("dynamic_masks", new JsonArray(Mask(77))), ("static_mask", Url)));
    }

    [Fact]
    public async Task Seven_dynamic_masks_are_refused()
    {
        await AssertRefusedAsync(Body(("dynamic_masks", new JsonArray([.. Enumerable.Range(0, 7).Select(_ => (JsonNode)Mask(2))]))), "invalid dynamic_masks: 7 groups, at most 6");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(78)]
    public async Task A_trajectory_needs_2_to_77_points(int points)
    {
        await AssertRefusedAsync(Body(("dynamic_masks", new JsonArray(Mask(points)))), $"invalid dynamic_masks[0].trajectories: {points} points, must be 2 to 77");
    }

    [Fact]
    public async Task Trajectory_points_must_be_integer_x_y_objects_not_pairs()
    {
        await AssertRefusedAsync(
            Body(("dynamic_masks", Parse("""[{"mask":"https://e.com/m.png","trajectories":[[1,2],[3,4]]}]"""))),
            "every point must be an object");
        await AssertRefusedAsync(
            Body(("dynamic_masks", Parse("""[{"mask":"https://e.com/m.png","trajectories":[{"x":1.5,"y":2},{"x":3,"y":4}]}]"""))),
            "every point must be an object");
    }

    [Fact]
    public async Task A_dynamic_mask_needs_a_mask_image()
    {
        await AssertRefusedAsync(Body(("dynamic_masks", Parse("""[{"trajectories":[{"x":1,"y":2},{"x":3,"y":4}]}]"""))), "invalid dynamic_masks[0].mask: required");
        await AssertRefusedAsync(
            Body(("dynamic_masks", Parse("""[{"mask":"data:image/png;base64,AAAA","trajectories":[{"x":1,"y":2},{"x":3,"y":4}]}]"""))),
            "invalid dynamic_masks[0].mask: send the raw base64");
    }

    [Theory]
    [InlineData("down_back")]
    [InlineData("forward_up")]
    [InlineData("right_turn_forward")]
    [InlineData("left_turn_forward")]
    public async Task Preset_camera_types_need_no_config(string type)
    {
        await AssertAcceptedAsync(Body(("camera_control", new JsonObject { ["type"] = type })));
        await AssertAcceptedAsync(Body(("camera_control", new JsonObject { ["type"] = type, ["config"] = new JsonObject() })));
        await AssertRefusedAsync(
            Body(("camera_control", new JsonObject { ["type"] = type, ["config"] = new JsonObject { ["zoom"] = 3 } })),
            $"must be empty when type is {type}");
    }

    [Fact]
    public async Task A_simple_camera_needs_a_config_with_exactly_one_non_zero_axis_within_10()
    {
        await AssertAcceptedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"horizontal":0,"vertical":0,"pan":-10,"tilt":0,"roll":0,"zoom":0}}"""))));
        await AssertAcceptedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"zoom":2.5}}"""))));
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"simple"}"""))), "required when type is simple");
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"zoom":0}}"""))), "exactly one of");
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"zoom":1,"pan":1}}"""))), "got 2");
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"roll":10.5}}"""))), "invalid camera_control.config.roll: 10.5 is outside [-10, 10]");
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"simple","config":{"roll":"1"}}"""))), "must be a number");
    }

    [Fact]
    public async Task An_unknown_camera_type_is_refused()
    {
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"type":"orbit"}"""))), "invalid camera_control.type: 'orbit' is not one of");
        await AssertRefusedAsync(Body(("camera_control", Parse("""{"config":{"zoom":1}}"""))), "invalid camera_control.type: required");
    }

    [Fact]
    public async Task End_frame_masks_and_camera_control_are_mutually_exclusive()
    {
        await AssertRefusedAsync(Body(("image_tail", Url), ("static_mask", Url)), "mutually exclusive, got image_tail and dynamic_masks/static_mask");
        await AssertRefusedAsync(Body(("image_tail", Url), ("camera_control", Parse("""{"type":"down_back"}"""))), "mutually exclusive");
        await AssertRefusedAsync(Body(("dynamic_masks", new JsonArray(Mask(2))), ("camera_control", Parse("""{"type":"down_back"}"""))), "mutually exclusive");
    }

    [Theory]
    [InlineData("https://example.com/hook")]
    [InlineData("http://127.0.0.1:5000/kling?x=1")]
    public async Task An_absolute_http_callback_url_is_accepted(string url)
    {
        await AssertAcceptedAsync(Body(("callback_url", url)));
    }

    [Theory]
    [InlineData("/relative/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    public async Task A_callback_url_that_is_not_absolute_http_is_refused(string url)
    {
        await AssertRefusedAsync(Body(("callback_url", url)), "invalid callback_url");
    }

    [Fact]
    public async Task External_task_id_must_be_a_string()
    {
        await AssertRefusedAsync(Body(("external_task_id", 42)), "invalid external_task_id: must be a string");
    }

    [Fact]
    public async Task Watermark_info_must_be_an_object_with_a_boolean()
    {
        await AssertRefusedAsync(Body(("watermark_info", true)), "invalid watermark_info");
        await AssertRefusedAsync(Body(("watermark_info", Parse("""{"enabled":"yes"}"""))), "invalid watermark_info.enabled");
    }

    [Fact]
    public async Task Official_kling_fields_follow_their_documented_rules()
    {
        await AssertRefusedAsync(Body(("sound", "loud")), "invalid sound");
        await AssertRefusedAsync(Body(("voice_list", Parse("""[{"voice_id":"a"},{"voice_id":"b"},{"voice_id":"c"}]"""))), "at most 2");
        await AssertRefusedAsync(Body(("element_list", Parse("""[{"element_id":1},{"element_id":2},{"element_id":3},{"element_id":4}]"""))), "at most 3");
        await AssertRefusedAsync(
            Body(("voice_list", Parse("""[{"voice_id":"a"}]""")), ("element_list", Parse("""[{"element_id":1}]"""))),
            "element_list and voice_list are mutually exclusive");
        await AssertRefusedAsync(Body(("prompt", "<<<voice_1>>> says hi"), ("voice_list", Parse("""[{"voice_id":"a"}]"""))), "invalid sound: must be on");
        await AssertAcceptedAsync(Body(("prompt", "<<<voice_1>>> says hi"), ("voice_list", Parse("""[{"voice_id":"a"}]""")), ("sound", "on")));
    }

    [Fact]
    public async Task A_voice_reference_must_name_a_voice_of_voice_list()
    {
        var twoVoices = Parse("""[{"voice_id":"a"},{"voice_id":"b"}]""");

        await AssertAcceptedAsync(Body(("prompt", "<<<voice_2>>> answers <<<voice_1>>>"), ("voice_list", twoVoices.DeepClone()), ("sound", "on")));
        await AssertRefusedAsync(
            Body(("prompt", "<<<voice_1>>> answers <<<voice_3>>>"), ("voice_list", twoVoices.DeepClone()), ("sound", "on")),
            "invalid prompt: <<<voice_3>>> refers to no voice, voice_list has 2");
        await AssertRefusedAsync(Body(("prompt", "<<<voice_0>>> hums"), ("voice_list", twoVoices.DeepClone()), ("sound", "on")), "<<<voice_0>>> refers to no voice");
        await AssertRefusedAsync(Body(("prompt", "<<<voice_1>>> hums"), ("sound", "on")), "voice_list has 0");
        await AssertAcceptedAsync(Body(("prompt", "<<<voice_x>>> is not a reference"), ("sound", "on")));
    }

    [Fact]
    public async Task Multi_shot_needs_a_shot_type_and_customised_shots_that_add_up_to_the_duration()
    {
        await AssertAcceptedAsync(Body(("multi_shot", false), ("shot_type", "nonsense")));
        await AssertRefusedAsync(Body(("multi_shot", true)), "invalid shot_type");
        await AssertRefusedAsync(Body(("multi_shot", true), ("shot_type", "intelligence")), "invalid prompt: required when shot_type is intelligence");
        await AssertAcceptedAsync(Body(("multi_shot", true), ("shot_type", "intelligence"), ("prompt", "a story")));
        await AssertRefusedAsync(Body(("multi_shot", true), ("shot_type", "customize")), "invalid multi_prompt: required");
        await AssertAcceptedAsync(Body(
            ("multi_shot", true), ("shot_type", "customize"), ("duration", "10"),
            ("multi_prompt", Parse("""[{"index":1,"prompt":"a","duration":"3"},{"index":2,"prompt":"b","duration":"7"}]"""))));
        await AssertRefusedAsync(
            Body(("multi_shot", true), ("shot_type", "customize"), ("multi_prompt", Parse("""[{"index":1,"prompt":"a","duration":"3"}]"""))),
            "the shots last 3 s in total, but duration is \"5\"");
        await AssertRefusedAsync(
            Body(("multi_shot", true), ("shot_type", "intelligence"), ("prompt", "p"), ("image_tail", Url)),
            "multi_shot does not support");
    }

    [Fact]
    public async Task Unknown_fields_are_accepted_and_kept_in_the_task()
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator);

        var answer = await api.CreateAsync("""{"image":"https://example.com/a.png","aspect_ratio":"16:9","model":"kling-v1","future":{"a":[1,2]}}""");

        Assert.Equal(200, answer.Status);
        var request = Assert.Single(emulator.Tasks).Request;
        Assert.Equal("16:9", request.GetProperty("aspect_ratio").GetString());
        Assert.Equal("""{"a":[1,2]}""", request.GetProperty("future").GetRawText());
    }

    [Fact]
    public async Task Options_that_cannot_work_are_refused_when_the_emulator_is_created()
    {
        Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { ApiKeys = [] }));
        Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { ProcessingDuration = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { MaxRunningTasksPerKey = 0 }));
        Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { MaxPromptLength = -1 }));
    }
}
