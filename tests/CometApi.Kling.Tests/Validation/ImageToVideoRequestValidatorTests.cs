using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Validation;

public class ImageToVideoRequestValidatorTests
{
    private static readonly KlingImage UrlImage = KlingImage.FromUrl(new Uri("https://example.com/cat.png"));
    private static readonly KlingRequestValidator Validator = new();

    private static IReadOnlyList<KlingValidationError> Errors(ImageToVideoRequest request, KlingValidationLimits? limits = null) =>
        (limits is null ? Validator : new KlingRequestValidator(limits)).Validate(request);

    private static KlingValidationError SingleError(ImageToVideoRequest request, string path, KlingValidationLimits? limits = null)
    {
        var error = Assert.Single(Errors(request, limits));
        Assert.Equal(path, error.Path);
        return error;
    }

    private static ImageToVideoRequest Valid(ImageToVideoRequest? request = null) => (request ?? new ImageToVideoRequest()) with { Image = (request?.Image) ?? UrlImage };

    private static KlingImage Png(int width, int height, int totalLength = 0) => KlingImage.FromBytes(TestImages.Png(width, height, totalLength));

    private static KlingTrajectoryPoint[] Points(int count) => Enumerable.Range(0, count).Select(i => new KlingTrajectoryPoint(i, i)).ToArray();

    private static KlingDynamicMask Mask(KlingImage? mask = null, int points = 2) => new() { Mask = mask ?? UrlImage, Trajectories = Points(points) };

    [Fact]
    public void A_request_with_only_a_url_image_is_valid() =>
        Assert.Empty(Errors(new ImageToVideoRequest { Image = UrlImage }));

    [Fact]
    public async Task Validate_rejects_a_null_request()
    {
        Assert.Throws<ArgumentNullException>(() => Validator.Validate(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Validator.ValidateAsync(null!, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ValidateAsync_finds_the_same_problems_in_a_non_seekable_stream()
    {
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromStream(new NonSeekableStream(new MemoryStream(TestImages.Png(1000, 300)))),
            Prompt = new string('a', 501),
        };

        var errors = await Validator.ValidateAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["image", "prompt"], errors.Select(e => e.Path));
        Assert.Contains("1000×300 px", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_can_be_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var request = new ImageToVideoRequest { Image = KlingImage.FromStream(new NonSeekableStream(new MemoryStream(TestImages.Png(640, 480)))) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Validator.ValidateAsync(request, cancelled.Token));
    }

    // ---- image / image_tail

    [Fact]
    public void Validate_requires_image() =>
        Assert.Contains("required", SingleError(new ImageToVideoRequest { Prompt = "a cat" }, "image").Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_requires_image_even_with_an_image_tail_under_CometAPI_limits() =>
        Assert.Equal("image is required (KlingValidationLimits.ImageToVideo.RequireImage).", SingleError(new ImageToVideoRequest { ImageTail = UrlImage }, "image").Message);

    [Fact]
    public void Validate_accepts_an_image_tail_alone_under_the_official_limits() =>
        Assert.Empty(Errors(new ImageToVideoRequest { ImageTail = UrlImage }, KlingValidationLimits.CreateOfficial()));

    [Fact]
    public void Validate_under_the_official_limits_still_needs_image_or_image_tail() =>
        Assert.Equal("image or image_tail is required.", SingleError(new ImageToVideoRequest(), "image", KlingValidationLimits.CreateOfficial()).Message);

    // ---- prompt and negative_prompt: counted in Unicode scalar values

    [Theory]
    [InlineData("a", 500, true)]
    [InlineData("a", 501, false)]
    [InlineData("🐱", 500, true)] // 1000 UTF-16 code units, 500 characters
    [InlineData("🐱", 501, false)]
    [InlineData("猫", 500, true)]
    [InlineData("猫", 501, false)]
    [InlineData("e\u0301", 250, true)] // e + combining acute accent: two scalar values each
    [InlineData("e\u0301", 251, false)]
    public void Create_rejects_prompt_over_500_chars(string unit, int repeat, bool valid)
    {
        var request = Valid(new ImageToVideoRequest { Prompt = string.Concat(Enumerable.Repeat(unit, repeat)) });

        var errors = Errors(request);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal("prompt", error.Path);
            var length = repeat * (unit == "e\u0301" ? 2 : 1);
            Assert.Equal($"prompt has {length} characters (Unicode scalar values); the limit is 500 (KlingValidationLimits.MaxPromptLength).", error.Message);
        }
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void Validate_limits_negative_prompt_to_200_chars(int length, bool valid)
    {
        var errors = Errors(Valid(new ImageToVideoRequest { NegativePrompt = new string('x', length) }));

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, error => Assert.Equal("negative_prompt", error.Path));
    }

    [Fact]
    public void Validate_counts_emoji_in_the_negative_prompt_as_one_character_each()
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { NegativePrompt = string.Concat(Enumerable.Repeat("😀", 200)) })));
        SingleError(Valid(new ImageToVideoRequest { NegativePrompt = string.Concat(Enumerable.Repeat("😀", 201)) }), "negative_prompt");
    }

    [Fact]
    public void Validate_takes_longer_prompts_from_the_limits()
    {
        var official = KlingValidationLimits.CreateOfficial();

        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Prompt = new string('a', 2500), NegativePrompt = new string('b', 2500) }), official));
        Assert.Equal(
            ["prompt", "negative_prompt"],
            Errors(Valid(new ImageToVideoRequest { Prompt = new string('a', 2501), NegativePrompt = new string('b', 2501) }), official).Select(e => e.Path));
    }

    [Fact]
    public void Validate_rejects_half_a_surrogate_pair_in_the_prompt()
    {
        var error = SingleError(Valid(new ImageToVideoRequest { Prompt = "a cat 🐱".Substring(0, 7) }), "prompt");

        Assert.Contains("index 6", error.Message, StringComparison.Ordinal);
    }

    // ---- cfg_scale, duration, mode

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Validate_accepts_cfg_scale_from_0_to_1(double cfg) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { CfgScale = cfg })));

    [Theory]
    [InlineData(-0.01, "-0.01")]
    [InlineData(1.01, "1.01")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Validate_rejects_cfg_scale_outside_0_to_1_or_not_finite(double cfg, string shown) =>
        Assert.Equal(
            $"cfg_scale is {shown}; it must be a finite number from 0 to 1 (KlingValidationLimits.MinCfgScale, MaxCfgScale).",
            SingleError(Valid(new ImageToVideoRequest { CfgScale = cfg }), "cfg_scale").Message);

    [Theory]
    [InlineData("kling-v2")]
    [InlineData("kling-v2-master")]
    [InlineData("kling-v2-1")]
    [InlineData("kling-v2-1-master")]
    [InlineData("kling-v2-5-turbo")]
    [InlineData("kling-v2-6")]
    [InlineData("kling-v2-7-future")]
    public void Create_rejects_cfg_scale_with_kling_v2_models(string model)
    {
        var request = Valid(new ImageToVideoRequest { ModelName = model, CfgScale = 0.5 });

        var expected = $"cfg_scale is not supported by kling-v2.x models (model_name is \"{model}\"), which ignore it; remove CfgScale or use a kling-v1.x model (e.g. kling-v1-6).";
        Assert.Equal(expected, SingleError(request, "cfg_scale").Message);
        Assert.Equal(expected, SingleError(request, "cfg_scale", KlingValidationLimits.CreateOfficial()).Message);
    }

    [Theory]
    [InlineData("kling-v1")]
    [InlineData("kling-v1-5")]
    [InlineData("kling-v1-6")]
    [InlineData("kling-v3")]
    [InlineData("kling-v20")] // not a 2.x name: "kling-v2" must be followed by the end or '-'
    [InlineData("kling-v21")]
    [InlineData("my-kling-v2-master")]
    [InlineData("KLING-V2-MASTER")] // compared as sent: not one of Kling's (lower-case) v2 names
    [InlineData("")]
    public void Validate_accepts_cfg_scale_with_models_other_than_kling_v2(string model)
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { ModelName = model, CfgScale = 0.5 })));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { ModelName = model, CfgScale = 0.5 }), KlingValidationLimits.CreateOfficial()));
    }

    [Fact]
    public void Validate_accepts_cfg_scale_without_a_model_name_and_a_kling_v2_model_without_cfg_scale()
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { CfgScale = 0.5 })));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { ModelName = KlingModel.KlingV2Master })));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { ModelName = KlingModel.KlingV26, CfgScale = null })));
    }

    [Fact]
    public void Validate_reports_cfg_scale_out_of_range_and_with_a_kling_v2_model_as_two_problems()
    {
        var errors = Errors(Valid(new ImageToVideoRequest { ModelName = KlingModel.KlingV21, CfgScale = 2 }));

        Assert.Equal(["cfg_scale", "cfg_scale"], errors.Select(e => e.Path));
        Assert.StartsWith("cfg_scale is 2;", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("cfg_scale is not supported by kling-v2.x models", errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("10")]
    public void Validate_accepts_durations_5_and_10(string duration) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Duration = duration })));

    [Theory]
    [InlineData("7")]
    [InlineData("15")]
    [InlineData("5.0")]
    [InlineData("")]
    public void Validate_rejects_other_durations(string duration) =>
        Assert.Equal(
            $"duration \"{duration}\" is not accepted; accepted: \"5\", \"10\" (KlingValidationLimits.AllowedDurations).",
            SingleError(Valid(new ImageToVideoRequest { Duration = duration }), "duration").Message);

    [Fact]
    public void Validate_accepts_durations_3_to_15_under_the_official_limits()
    {
        var official = KlingValidationLimits.CreateOfficial();

        Assert.All(Enumerable.Range(3, 13), seconds => Assert.Empty(Errors(Valid(new ImageToVideoRequest { Duration = KlingDuration.FromSeconds(seconds) }), official)));
        SingleError(Valid(new ImageToVideoRequest { Duration = "16" }), "duration", official);
        SingleError(Valid(new ImageToVideoRequest { Duration = "2" }), "duration", official);
    }

    [Theory]
    [InlineData("std", true)]
    [InlineData("pro", true)]
    [InlineData("4k", false)]
    [InlineData("PRO", false)] // The wire value would be "PRO", which the service does not document.
    public void Validate_accepts_only_std_and_pro_modes(string mode, bool valid) =>
        Assert.Equal(valid, Errors(Valid(new ImageToVideoRequest { Mode = mode })).Count == 0);

    [Fact]
    public void Validate_accepts_a_mode_added_to_the_limits()
    {
        var limits = new KlingValidationLimits();
        limits.AllowedModes.Add("4k");

        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Mode = "4k" }), limits));
    }

    [Theory]
    [InlineData("kling-v3", true)]
    [InlineData("kling-v2-1", false)]
    [InlineData("kling-v3-omni", false)] // the omni-video model, not an image-to-video one
    public void Validate_accepts_mode_4k_with_kling_v3_only(string model, bool valid)
    {
        var errors = Errors(Valid(new ImageToVideoRequest { ModelName = model, Mode = KlingMode.FourK }));

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, error => Assert.Equal($"mode \"4k\" needs model_name \"kling-v3\" (it is \"{model}\"): Kling makes native 4K only with that model here; set ModelName or use \"std\" or \"pro\".", error.Message));
    }

    // ---- local images: format, size, dimensions, aspect ratio

    [Theory]
    [InlineData(300, 300)]
    [InlineData(750, 300)] // exactly 2.5:1
    [InlineData(300, 750)] // exactly 1:2.5
    [InlineData(4096, 2160)]
    public void Validate_accepts_local_images_within_the_limits(int width, int height)
    {
        Assert.Empty(Errors(new ImageToVideoRequest { Image = Png(width, height) }));
        Assert.Empty(Errors(new ImageToVideoRequest { Image = KlingImage.FromBytes(TestImages.Jpeg(width, height)) }));
    }

    [Theory]
    [InlineData(299, 300)]
    [InlineData(300, 299)]
    [InlineData(1, 1)]
    public void Validate_rejects_images_under_300_px(int width, int height) =>
        Assert.Equal(
            $"the image is {width}×{height} px; width and height must be at least 300 px (KlingValidationLimits.MinImageDimension).",
            SingleError(new ImageToVideoRequest { Image = Png(width, height) }, "image").Message);

    [Theory]
    [InlineData(751, 300, "2.503")]
    [InlineData(300, 751, "2.503")]
    [InlineData(3000, 1000, "3")]
    public void Validate_rejects_aspect_ratios_beyond_2_5_to_1(int width, int height, string ratio) =>
        Assert.Equal(
            $"the image is {width}×{height} px, an aspect ratio of {ratio}:1; it must be between 1:2.5 and 2.5:1 (KlingValidationLimits.MaxImageAspectRatio).",
            SingleError(new ImageToVideoRequest { Image = Png(width, height) }, "image").Message);

    [Fact]
    public void Validate_does_not_limit_the_aspect_ratio_of_image_tail_as_Kling_documents_none() =>
        Assert.Empty(Errors(new ImageToVideoRequest { Image = UrlImage, ImageTail = Png(3000, 300) }));

    [Fact]
    public void Validate_checks_size_and_dimensions_of_image_tail() =>
        Assert.Equal(
            ["image_tail", "image_tail"],
            Errors(new ImageToVideoRequest { Image = UrlImage, ImageTail = Png(200, 200, totalLength: (10 * 1024 * 1024) + 1) }).Select(e => e.Path));

    [Fact]
    public void Validate_accepts_an_image_of_exactly_10_MB() =>
        Assert.Empty(Errors(new ImageToVideoRequest { Image = Png(1280, 720, totalLength: 10 * 1024 * 1024) }));

    [Fact]
    public void Validate_rejects_an_image_of_10_MB_and_one_byte() =>
        Assert.Equal(
            "the image is 10,485,761 bytes; the limit is 10,485,760 bytes (KlingValidationLimits.MaxImageBytes).",
            SingleError(new ImageToVideoRequest { Image = Png(1280, 720, totalLength: (10 * 1024 * 1024) + 1) }, "image").Message);

    [Fact]
    public void Validate_measures_base64_images_by_their_decoded_size()
    {
        var exact = Convert.ToBase64String(TestImages.Png(1280, 720, totalLength: 10 * 1024 * 1024));
        var over = Convert.ToBase64String(TestImages.Png(1280, 720, totalLength: (10 * 1024 * 1024) + 1));

        Assert.Empty(Errors(new ImageToVideoRequest { Image = KlingImage.FromBase64(exact) }));
        SingleError(new ImageToVideoRequest { Image = KlingImage.FromBase64(over) }, "image");
    }

    [Fact]
    public void Validate_takes_a_larger_image_size_from_the_limits()
    {
        var limits = new KlingValidationLimits { MaxImageBytes = 20 * 1024 * 1024 };

        Assert.Empty(Errors(new ImageToVideoRequest { Image = Png(1280, 720, totalLength: (10 * 1024 * 1024) + 1) }, limits));
    }

    [Fact]
    public void Validate_reports_a_small_oversized_image_twice_at_once()
    {
        var errors = Errors(new ImageToVideoRequest { Image = Png(100, 100, totalLength: (10 * 1024 * 1024) + 1) });

        Assert.Equal(2, errors.Count);
        Assert.Contains("10,485,761 bytes", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("100×100 px", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_an_image_that_is_not_JPEG_or_PNG() =>
        Assert.Equal(
            "the image is a GIF; Kling accepts only JPEG or PNG.",
            SingleError(new ImageToVideoRequest { Image = KlingImage.FromBytes("GIF89a\x01\x02"u8.ToArray()) }, "image").Message);

    [Fact]
    public void Validate_does_not_download_url_images() =>
        Assert.Empty(Errors(new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://unreachable.invalid/huge.gif")) }));

    // ---- dynamic_masks and static_mask

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Validate_accepts_up_to_6_dynamic_masks(int count) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { DynamicMasks = Enumerable.Range(0, count).Select(_ => Mask()).ToArray() })));

    [Fact]
    public void Validate_rejects_7_dynamic_masks() =>
        Assert.Equal(
            "dynamic_masks has 7 groups; the limit is 6 (KlingValidationLimits.ImageToVideo.MaxDynamicMasks).",
            SingleError(Valid(new ImageToVideoRequest { DynamicMasks = Enumerable.Range(0, 7).Select(_ => Mask()).ToArray() }), "dynamic_masks").Message);

    [Fact]
    public void Validate_rejects_an_empty_dynamic_masks_list() =>
        SingleError(Valid(new ImageToVideoRequest { DynamicMasks = [] }), "dynamic_masks");

    [Theory]
    [InlineData(2, true)]
    [InlineData(77, true)]
    [InlineData(1, false)]
    [InlineData(78, false)]
    [InlineData(0, false)]
    public void Validate_accepts_2_to_77_trajectory_points(int points, bool valid)
    {
        var request = Valid(new ImageToVideoRequest { DynamicMasks = [Mask(), Mask(), Mask(points: points)] });

        var errors = Errors(request);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(
                $"trajectories has {points} points; it must have 2 to 77 (KlingValidationLimits.ImageToVideo.MinTrajectoryPoints, ImageToVideo.MaxTrajectoryPoints).",
                SingleError(request, "dynamic_masks[2].trajectories").Message);
        }
    }

    [Fact]
    public void Validate_keeps_trajectory_points_inside_a_local_image()
    {
        KlingTrajectoryPoint[] points = [new(0, 0), new(639, 479), new(640, 0), new(0, 480), new(-1, 5)];
        var request = new ImageToVideoRequest
        {
            Image = Png(640, 480),
            DynamicMasks = [new KlingDynamicMask { Mask = Png(640, 480), Trajectories = points }],
        };

        var errors = Errors(request);

        Assert.Equal(["dynamic_masks[0].trajectories[2]", "dynamic_masks[0].trajectories[3]", "dynamic_masks[0].trajectories[4]"], errors.Select(e => e.Path));
        Assert.Equal(
            "the point (640, 0) is outside the 640×480 px image: x must be 0 to 639 and y 0 to 479 (pixels from the bottom-left corner).",
            errors[0].Message);
    }

    [Fact]
    public void Validate_uses_the_mask_size_for_trajectories_when_the_image_is_a_url()
    {
        var request = Valid(new ImageToVideoRequest { DynamicMasks = [new KlingDynamicMask { Mask = Png(640, 480), Trajectories = [new(10, 10), new(700, 10)] }] });

        SingleError(request, "dynamic_masks[0].trajectories[1]");
    }

    [Fact]
    public void Validate_accepts_any_non_negative_point_when_no_size_is_known() =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { DynamicMasks = [new KlingDynamicMask { Mask = UrlImage, Trajectories = [new(0, 0), new(99999, 99999)] }] })));

    [Fact]
    public void Validate_requires_masks_to_have_the_resolution_of_a_local_image()
    {
        var request = new ImageToVideoRequest
        {
            Image = Png(1280, 720),
            StaticMask = Png(640, 360),
            DynamicMasks = [Mask(Png(1280, 720)), Mask(Png(1280, 721))],
        };

        var errors = Errors(request);

        Assert.Equal(["static_mask", "dynamic_masks[1].mask"], errors.Select(e => e.Path));
        Assert.Equal("the mask is 640×360 px but image is 1280×720 px; masks must have the same resolution as the image.", errors[0].Message);
    }

    [Fact]
    public void Validate_compares_dynamic_masks_with_the_static_mask_when_the_image_is_a_url()
    {
        var request = Valid(new ImageToVideoRequest { StaticMask = Png(640, 360), DynamicMasks = [Mask(Png(640, 360)), Mask(Png(800, 450))] });

        Assert.Contains("static_mask is 640×360 px", SingleError(request, "dynamic_masks[1].mask").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_missing_mask_parts()
    {
        var request = Valid(new ImageToVideoRequest
        {
            DynamicMasks = [null!, new KlingDynamicMask { Mask = null!, Trajectories = Points(2) }, new KlingDynamicMask { Mask = UrlImage, Trajectories = null! }],
        });

        Assert.Equal(["dynamic_masks[0]", "dynamic_masks[1].mask", "dynamic_masks[2].trajectories"], Errors(request).Select(e => e.Path));
    }

    [Fact]
    public void Validate_reports_parts_left_unset_now_that_they_are_not_required_members()
    {
        // Settable from C# 7.3 means a part can be left unset; the validator reports it instead of the compiler.
        Assert.Equal(
            ["dynamic_masks[0].mask", "dynamic_masks[0].trajectories"],
            Errors(Valid(new ImageToVideoRequest { DynamicMasks = [new KlingDynamicMask()] })).Select(e => e.Path));
        Assert.Equal(
            "camera_control.type is required.",
            SingleError(Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl() }), "camera_control.type").Message);
        Assert.Equal(
            "prompt is required.",
            SingleError(
                Valid(new ImageToVideoRequest { MultiShot = true, ShotType = KlingShotType.Customize, Shots = [new KlingShot { Index = 1, Duration = "5" }] }),
                "multi_prompt[0].prompt").Message);
    }

    [Fact]
    public void Validate_checks_mask_images_like_images() =>
        Assert.Contains(
            "at least 300 px",
            SingleError(Valid(new ImageToVideoRequest { StaticMask = Png(299, 299) }), "static_mask").Message,
            StringComparison.Ordinal);

    // ---- mutually exclusive groups

    [Fact]
    public void Validate_rejects_image_tail_with_masks() =>
        Assert.Equal(
            "static_mask/dynamic_masks cannot be combined with image_tail: Kling accepts only one of image_tail, static_mask/dynamic_masks and camera_control per request.",
            SingleError(Valid(new ImageToVideoRequest { ImageTail = UrlImage, DynamicMasks = [Mask()] }), "dynamic_masks").Message);

    [Fact]
    public void Validate_rejects_image_tail_with_camera_control() =>
        SingleError(
            Valid(new ImageToVideoRequest { ImageTail = UrlImage, CameraControl = new KlingCameraControl { Type = KlingCameraControlType.ForwardUp } }),
            "camera_control");

    [Fact]
    public void Validate_rejects_masks_with_camera_control() =>
        Assert.Contains(
            "camera_control cannot be combined with static_mask/dynamic_masks",
            SingleError(Valid(new ImageToVideoRequest { StaticMask = UrlImage, CameraControl = new KlingCameraControl { Type = KlingCameraControlType.ForwardUp } }), "camera_control").Message,
            StringComparison.Ordinal);

    [Fact]
    public void Validate_reports_each_extra_group_when_all_three_are_set()
    {
        var request = Valid(new ImageToVideoRequest
        {
            ImageTail = UrlImage,
            StaticMask = UrlImage,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.DownBack },
        });

        Assert.Equal(["static_mask", "camera_control"], Errors(request).Select(e => e.Path));
    }

    [Fact]
    public void Validate_accepts_image_with_image_tail_and_static_with_dynamic_masks()
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { ImageTail = UrlImage })));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { StaticMask = UrlImage, DynamicMasks = [Mask()] })));
    }

    // ---- camera_control

    [Theory]
    [InlineData(10.0)]
    [InlineData(-10.0)]
    [InlineData(0.001)]
    public void Validate_accepts_one_simple_axis_within_10(double value) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest
        {
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Pan = value, Zoom = 0 } },
        })));

    [Theory]
    [InlineData(10.01, "10.01")]
    [InlineData(-10.01, "-10.01")]
    [InlineData(double.NaN, "NaN")]
    public void Validate_rejects_a_simple_axis_beyond_10(double value, string shown) =>
        Assert.Equal(
            $"roll is {shown}; it must be a finite number from -10 to 10 (KlingValidationLimits.MaxCameraConfigValue).",
            SingleError(
                Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Roll = value } } }),
                "camera_control.config.roll").Message);

    [Fact]
    public void Validate_requires_exactly_one_non_zero_simple_axis()
    {
        static ImageToVideoRequest Simple(KlingCameraConfig? config) =>
            Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = config } });

        Assert.Contains("is required", SingleError(Simple(null), "camera_control.config").Message, StringComparison.Ordinal);
        Assert.Contains("all are zero or unset", SingleError(Simple(new KlingCameraConfig()), "camera_control.config").Message, StringComparison.Ordinal);
        Assert.Contains("all are zero or unset", SingleError(Simple(new KlingCameraConfig { Horizontal = 0, Zoom = 0 }), "camera_control.config").Message, StringComparison.Ordinal);
        Assert.Equal(
            "camera_control.config must have exactly one non-zero axis; 2 are set: horizontal, zoom.",
            SingleError(Simple(new KlingCameraConfig { Horizontal = 1, Zoom = -1 }), "camera_control.config").Message);
    }

    [Theory]
    [InlineData("down_back")]
    [InlineData("forward_up")]
    [InlineData("right_turn_forward")]
    [InlineData("left_turn_forward")]
    public void Validate_accepts_presets_without_config_and_rejects_them_with_one(string type)
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = type } })));
        SingleError(
            Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = type, Config = new KlingCameraConfig { Zoom = 1 } } }),
            "camera_control.config");
    }

    [Fact]
    public void Validate_rejects_unknown_camera_types_unless_the_limits_add_them()
    {
        var request = Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = "orbit", Config = new KlingCameraConfig { Pan = 3 } } });
        var limits = new KlingValidationLimits();
        limits.AllowedCameraControlTypes.Add("orbit");

        Assert.StartsWith("camera_control.type \"orbit\" is not accepted", SingleError(request, "camera_control.type").Message, StringComparison.Ordinal);
        Assert.Empty(Errors(request, limits));
        SingleError(Valid(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = default } }), "camera_control.type");
    }

    // ---- callback_url and external_task_id

    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://localhost:8080/hook", true)]
    [InlineData("ftp://example.com/hook", false)]
    [InlineData("hooks/kling", false)]
    public void Validate_accepts_only_absolute_http_callback_urls(string url, bool valid) =>
        Assert.Equal(valid, Errors(Valid(new ImageToVideoRequest { CallbackUrl = new Uri(url, UriKind.RelativeOrAbsolute) })).Count == 0);

    [Theory]
    [InlineData("order-42", true)]
    [InlineData("注文-42 🐱", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("order\n42", false)]
    [InlineData("order\u007F", false)]
    public void Validate_requires_a_non_empty_external_task_id_without_control_characters(string id, bool valid)
    {
        var errors = Errors(Valid(new ImageToVideoRequest { ExternalTaskId = id }));

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, error => Assert.Equal("external_task_id", error.Path));
    }

    [Fact]
    public void Validate_rejects_a_control_character_at_the_start_of_external_task_id() =>
        Assert.Equal(
            "external_task_id has the control character U+0001 at index 0.",
            SingleError(Valid(new ImageToVideoRequest { ExternalTaskId = "\u0001order-42" }), "external_task_id").Message);

    [Fact]
    public void Validate_rejects_half_a_surrogate_pair_in_external_task_id() =>
        Assert.Contains("index 6", SingleError(Valid(new ImageToVideoRequest { ExternalTaskId = "order-\uD83D" }), "external_task_id").Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_rejects_an_additional_property_that_repeats_a_typed_field() =>
        Assert.Contains(
            "'duration'",
            SingleError(Valid(new ImageToVideoRequest { Duration = "5", AdditionalProperties = new Dictionary<string, JsonNode?> { ["duration"] = 7 } }), "duration").Message,
            StringComparison.Ordinal);

    // ---- voice_list, element_list and voice references (Kling's rules, under both limit sets)

    private static KlingVoice[] Voices(int count) => Enumerable.Range(1, count).Select(i => new KlingVoice { VoiceId = $"voice-{i}" }).ToArray();

    private static KlingElement[] Elements(int count) => Enumerable.Range(1, count).Select(i => new KlingElement { ElementId = i }).ToArray();

    public static TheoryData<string> LimitSets => ["CometAPI", "official"];

    private static KlingValidationLimits Limits(string set) => set == "official" ? KlingValidationLimits.CreateOfficial() : new KlingValidationLimits();

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Create_rejects_element_list_with_voice_list(string limits) =>
        Assert.Equal(
            "element_list cannot be combined with voice_list: Kling accepts only one of the two per request; remove one of them.",
            SingleError(Valid(new ImageToVideoRequest { Voices = Voices(1), Elements = Elements(1) }), "element_list", Limits(limits)).Message);

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_accepts_up_to_2_voices_or_up_to_3_elements(string limits)
    {
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Voices = Voices(2) }), Limits(limits)));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Elements = Elements(3) }), Limits(limits)));
    }

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_rejects_3_voices_and_4_elements(string limits)
    {
        Assert.Equal(
            "voice_list has 3 voices; Kling allows at most 2 per task.",
            SingleError(Valid(new ImageToVideoRequest { Voices = Voices(3) }), "voice_list", Limits(limits)).Message);
        Assert.Equal(
            "element_list has 4 elements; Kling allows at most 3 per task.",
            SingleError(Valid(new ImageToVideoRequest { Elements = Elements(4) }), "element_list", Limits(limits)).Message);
    }

    [Fact]
    public void Validate_reports_null_voices_and_elements() =>
        Assert.Equal(
            ["voice_list[1]: the voice is null.", "element_list: element_list cannot be combined with voice_list: Kling accepts only one of the two per request; remove one of them.", "element_list[0]: the element is null."],
            Errors(Valid(new ImageToVideoRequest { Voices = [new KlingVoice { VoiceId = "v" }, null!], Elements = [null!] })).Select(e => e.ToString()));

    [Fact]
    public void Validate_reports_a_voice_without_an_id() =>
        Assert.Equal(
            "voice_id is required.",
            SingleError(Valid(new ImageToVideoRequest { Voices = [new KlingVoice { VoiceId = "v" }, new KlingVoice()] }), "voice_list[1].voice_id").Message);

    [Fact]
    public void Validate_reads_every_digit_of_a_voice_number()
    {
        // <<<voice_12>>> is voice twelve, not voice one or two.
        Assert.StartsWith(
            "prompt refers to <<<voice_12>>> but voice_list has 2 voices",
            SingleError(Valid(new ImageToVideoRequest { Prompt = "<<<voice_12>>> sings", Voices = Voices(2), Sound = KlingSound.On }), "prompt").Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ends with <<<voice_")]
    [InlineData("ends with <<<voice_12")]
    public void Validate_ignores_a_voice_reference_cut_off_at_the_end_of_the_prompt(string prompt) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Prompt = prompt })));

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_accepts_voice_references_within_voice_list_with_sound_on(string limits) =>
        Assert.Empty(Errors(
            Valid(new ImageToVideoRequest { Prompt = "<<<voice_1>>> greets <<<voice_2>>>, then <<<voice_1>>> laughs", Voices = Voices(2), Sound = KlingSound.On }),
            Limits(limits)));

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_requires_sound_on_when_the_prompt_refers_to_a_voice(string limits)
    {
        ImageToVideoRequest Request(KlingSound? sound) => Valid(new ImageToVideoRequest { Prompt = "<<<voice_1>>> says hello", Voices = Voices(1), Sound = sound });

        Assert.Equal(
            "sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is not set, and the service's default is \"off\".",
            SingleError(Request(null), "sound", Limits(limits)).Message);
        Assert.Equal(
            "sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is \"off\".",
            SingleError(Request(KlingSound.Off), "sound", Limits(limits)).Message);
    }

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_rejects_a_voice_reference_beyond_voice_list(string limits)
    {
        var request = Valid(new ImageToVideoRequest { Prompt = "<<<voice_3>>> and <<<voice_0>>> sing; <<<voice_3>>> again", Voices = Voices(2), Sound = KlingSound.On });

        var errors = Errors(request, Limits(limits));

        Assert.Equal(["prompt", "prompt"], errors.Select(e => e.Path));
        Assert.Equal(
            "prompt refers to <<<voice_3>>> but voice_list has 2 voices: <<<voice_N>>> is the N-th voice of voice_list, so N must be 1 to 2.",
            errors[0].Message);
        Assert.StartsWith("prompt refers to <<<voice_0>>> but", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(
            "prompt refers to <<<voice_2>>> but voice_list has 1 voice: <<<voice_N>>> is the N-th voice of voice_list, so N must be 1 to 1.",
            SingleError(request with { Prompt = "<<<voice_2>>>", Voices = Voices(1) }, "prompt").Message);
    }

    [Fact]
    public void Validate_rejects_a_voice_reference_without_voice_list_and_without_sound() =>
        Assert.Equal(
            [
                "prompt: prompt refers to <<<voice_1>>> but voice_list is not set: <<<voice_N>>> is the N-th voice of voice_list; add the voice or remove the reference.",
                "sound: sound must be \"on\" when the prompt refers to a voice (<<<voice_N>>>); it is not set, and the service's default is \"off\".",
            ],
            Errors(Valid(new ImageToVideoRequest { Prompt = "<<<voice_1>>> speaks" })).Select(e => e.ToString()));

    [Theory]
    [InlineData("<<<voice_>>> no number")]
    [InlineData("<<<voice_1>> not closed")]
    [InlineData("<<<voice_x>>> not a number")]
    [InlineData("<<<VOICE_1>>> another spelling")]
    [InlineData("<<<element_1>>> is Omni syntax")]
    [InlineData("voice_1 in plain words")]
    public void Validate_ignores_text_that_is_not_a_voice_reference(string prompt) =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { Prompt = prompt })));

    [Fact]
    public void Validate_quotes_a_voice_reference_with_a_huge_number_as_written() =>
        Assert.StartsWith(
            "prompt refers to <<<voice_99999999999999999999>>> but voice_list has 1 voice",
            SingleError(Valid(new ImageToVideoRequest { Prompt = "<<<voice_99999999999999999999>>>", Voices = Voices(1), Sound = KlingSound.On }), "prompt").Message,
            StringComparison.Ordinal);

    // ---- multi_shot, shot_type and multi_prompt (Kling's rules, under both limit sets)

    private static KlingShot Shot(string seconds, string prompt = "a shot", int index = 1) => new() { Index = index, Prompt = prompt, Duration = seconds };

    private static ImageToVideoRequest Customized(KlingDuration? duration, params KlingShot[]? shots) =>
        Valid(new ImageToVideoRequest { MultiShot = true, ShotType = KlingShotType.Customize, Duration = duration, Shots = shots });

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_accepts_shots_that_add_up_exactly_to_the_duration(string limits)
    {
        Assert.Empty(Errors(Customized(KlingDuration.Ten, Shot("3"), Shot("7", index: 2)), Limits(limits)));
        Assert.Empty(Errors(Customized(KlingDuration.Ten, Shot("10")), Limits(limits)));
        Assert.Empty(Errors(Customized(null, Shot("2"), Shot("3", index: 2)), Limits(limits))); // the service's default "5"
    }

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Create_rejects_shots_that_do_not_add_up_to_the_duration(string limits)
    {
        Assert.Equal(
            "the shots last 9 seconds in total but duration is \"10\"; the shots' durations must add up to the video's duration.",
            SingleError(Customized(KlingDuration.Ten, Shot("3"), Shot("6", index: 2)), "multi_prompt", Limits(limits)).Message);
        Assert.Equal(
            "the shots last 6 seconds in total but duration is not set (the service's default is \"5\"); the shots' durations must add up to the video's duration.",
            SingleError(Customized(null, Shot("3"), Shot("3", index: 2)), "multi_prompt", Limits(limits)).Message);
    }

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_requires_multi_prompt_for_customized_shots(string limits) =>
        Assert.Equal(
            "multi_prompt is required when multi_shot is true and shot_type is \"customize\": list 1 to 6 shots.",
            SingleError(Customized(KlingDuration.Five, null), "multi_prompt", Limits(limits)).Message);

    [Fact]
    public void Validate_accepts_1_to_6_shots_and_rejects_0_or_7()
    {
        var official = KlingValidationLimits.CreateOfficial();
        KlingShot[] OneSecondShots(int count) => Enumerable.Range(1, count).Select(i => Shot("1", index: i)).ToArray();

        Assert.Empty(Errors(Customized("6", OneSecondShots(6)), official));
        Assert.Equal("multi_prompt has 7 shots; Kling accepts 1 to 6.", SingleError(Customized("7", OneSecondShots(7)), "multi_prompt", official).Message);
        Assert.Equal("multi_prompt has 0 shots; Kling accepts 1 to 6.", SingleError(Customized(KlingDuration.Five), "multi_prompt").Message);
    }

    [Fact]
    public void Validate_limits_each_shot_prompt_to_512_characters()
    {
        Assert.Empty(Errors(Customized(KlingDuration.Five, Shot("5", new string('a', 512)))));
        Assert.Empty(Errors(Customized(KlingDuration.Five, Shot("5", string.Concat(Enumerable.Repeat("🐱", 512))))));
        Assert.Equal(
            "the shot's prompt has 513 characters (Unicode scalar values); Kling allows at most 512.",
            SingleError(Customized(KlingDuration.Five, Shot("2"), Shot("3", new string('a', 513), index: 2)), "multi_prompt[1].prompt").Message);
        Assert.Contains(
            "half of a surrogate pair at index 1",
            SingleError(Customized(KlingDuration.Five, Shot("5", "a\uD83D")), "multi_prompt[0].prompt").Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "half of a surrogate pair at index 0",
            SingleError(Customized(KlingDuration.Five, Shot("5", "\uDE00a")), "multi_prompt[0].prompt").Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_requires_each_shot_s_prompt() =>
        Assert.Equal("prompt is required.", SingleError(Customized(KlingDuration.Five, Shot("5", prompt: null!)), "multi_prompt[0].prompt").Message);

    [Fact]
    public void Validate_treats_an_empty_shot_type_as_missing() =>
        Assert.StartsWith(
            "shot_type is required when multi_shot is true",
            SingleError(Valid(new ImageToVideoRequest { MultiShot = true, ShotType = new KlingShotType(string.Empty) }), "shot_type").Message,
            StringComparison.Ordinal);

    [Fact]
    public void Validate_requires_each_shot_to_last_1_second_to_the_video_s_duration()
    {
        Assert.Equal(
            "duration is 0; each shot lasts at least 1 second.",
            SingleError(Customized(KlingDuration.Five, Shot("0"), Shot("5", index: 2)), "multi_prompt[0].duration").Message);

        var tooLong = Errors(Customized(KlingDuration.Five, Shot("6")));
        Assert.Equal(["multi_prompt[0].duration", "multi_prompt"], tooLong.Select(e => e.Path));
        Assert.Equal("duration is 6 seconds, longer than the video (5 seconds); each shot lasts 1 second to the video's duration.", tooLong[0].Message);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void Validate_rejects_a_shot_duration_that_is_not_whole_seconds_without_also_reporting_the_sum(string seconds) =>
        Assert.Equal(
            $"duration \"{seconds}\" is not a whole number of seconds.",
            SingleError(Customized(KlingDuration.Five, Shot("2"), Shot(seconds, index: 2)), "multi_prompt[1].duration").Message);

    [Fact]
    public void Validate_reports_a_null_shot_and_a_null_shot_prompt() =>
        Assert.Equal(
            ["multi_prompt[0]", "multi_prompt[1].prompt"],
            Errors(Customized(KlingDuration.Five, null!, new KlingShot { Index = 2, Prompt = null!, Duration = "5" })).Select(e => e.Path));

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_requires_a_shot_type_when_multi_shot_is_true(string limits) =>
        Assert.Equal(
            "shot_type is required when multi_shot is true: \"customize\" (the shots of multi_prompt) or \"intelligence\" (the model cuts the prompt into shots).",
            SingleError(Valid(new ImageToVideoRequest { MultiShot = true, Prompt = "a story" }), "shot_type", Limits(limits)).Message);

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_requires_a_prompt_for_intelligent_shots(string limits)
    {
        static ImageToVideoRequest Intelligence(string? prompt) =>
            Valid(new ImageToVideoRequest { MultiShot = true, ShotType = KlingShotType.Intelligence, Prompt = prompt });

        Assert.Empty(Errors(Intelligence("a cat wakes up, stretches and leaves"), Limits(limits)));
        Assert.Equal(
            "prompt is required when shot_type is \"intelligence\": the model cuts it into shots.",
            SingleError(Intelligence(null), "prompt", Limits(limits)).Message);
        SingleError(Intelligence("  "), "prompt", Limits(limits));
    }

    [Theory]
    [MemberData(nameof(LimitSets))]
    public void Validate_rejects_an_end_frame_in_a_multi_shot_video(string limits) =>
        Assert.Equal(
            "multi_shot cannot be combined with image_tail: Kling does not support first/end-frame generation in a multi-shot video.",
            SingleError(Customized(KlingDuration.Five, Shot("5")) with { ImageTail = UrlImage }, "multi_shot", Limits(limits)).Message);

    [Fact]
    public void Validate_ignores_shot_type_and_multi_prompt_unless_multi_shot_is_true_as_Kling_does()
    {
        var shots = new ImageToVideoRequest { ShotType = KlingShotType.Customize, Shots = [Shot("3")] };

        Assert.Empty(Errors(Valid(shots)));
        Assert.Empty(Errors(Valid(shots with { MultiShot = false })));
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { MultiShot = false, ImageTail = UrlImage })));
    }

    [Fact]
    public void Validate_leaves_an_unknown_shot_type_to_the_service() =>
        Assert.Empty(Errors(Valid(new ImageToVideoRequest { MultiShot = true, ShotType = "auto_cut" })));

    // ---- all at once

    [Fact]
    public void Validate_reports_every_problem_at_once_in_field_order()
    {
        var request = new ImageToVideoRequest
        {
            Image = Png(200, 600),
            Prompt = new string('p', 501),
            Mode = "ultra",
            Duration = "7",
            CfgScale = double.NaN,
            DynamicMasks = [Mask(points: 1), .. Enumerable.Range(0, 6).Select(_ => Mask(Png(200, 600)))],
            CallbackUrl = new Uri("ftp://example.com/hook"),
            ExternalTaskId = "",
        };

        var errors = Errors(request);

        Assert.Equal(
            """
            image: the image is 200×600 px; width and height must be at least 300 px (KlingValidationLimits.MinImageDimension).
            image: the image is 200×600 px, an aspect ratio of 3:1; it must be between 1:2.5 and 2.5:1 (KlingValidationLimits.MaxImageAspectRatio).
            prompt: prompt has 501 characters (Unicode scalar values); the limit is 500 (KlingValidationLimits.MaxPromptLength).
            mode: mode "ultra" is not accepted; accepted: "std", "pro" (KlingValidationLimits.AllowedModes).
            duration: duration "7" is not accepted; accepted: "5", "10" (KlingValidationLimits.AllowedDurations).
            cfg_scale: cfg_scale is NaN; it must be a finite number from 0 to 1 (KlingValidationLimits.MinCfgScale, MaxCfgScale).
            dynamic_masks: dynamic_masks has 7 groups; the limit is 6 (KlingValidationLimits.ImageToVideo.MaxDynamicMasks).
            dynamic_masks[0].trajectories: trajectories has 1 points; it must have 2 to 77 (KlingValidationLimits.ImageToVideo.MinTrajectoryPoints, ImageToVideo.MaxTrajectoryPoints).
            dynamic_masks[1].mask: the image is 200×600 px; width and height must be at least 300 px (KlingValidationLimits.MinImageDimension).
            dynamic_masks[1].mask: the image is 200×600 px, an aspect ratio of 3:1; it must be between 1:2.5 and 2.5:1 (KlingValidationLimits.MaxImageAspectRatio).
            """.ReplaceLineEndings("\n"),
            string.Join("\n", errors.Take(10)));
        Assert.Equal(
            ["dynamic_masks[6].mask", "dynamic_masks[6].mask", "callback_url", "external_task_id"],
            errors.Skip(18).Select(e => e.Path));
        Assert.Equal(22, errors.Count);
    }

    // ---- the validator and its limits

    [Fact]
    public void Validator_copies_its_limits_so_later_changes_do_not_apply()
    {
        var limits = new KlingValidationLimits();
        var validator = new KlingRequestValidator(limits);
        limits.MaxPromptLength = 10;
        limits.AllowedDurations.Clear();

        Assert.Empty(validator.Validate(Valid(new ImageToVideoRequest { Prompt = new string('a', 500), Duration = "5" })));
    }

    [Fact]
    public void Validator_copies_the_kinds_groups_too_so_later_changes_to_a_group_do_not_apply()
    {
        var limits = new KlingValidationLimits();
        var validator = new KlingRequestValidator(limits);
        limits.ImageToVideo.RequireImage = false;
        limits.OmniVideo.AllowedAspectRatios.Clear();
        limits.TextToAudio = new KlingTextToAudioLimits { MaxPromptLength = 1 };

        Assert.Equal("image", Assert.Single(validator.Validate(new ImageToVideoRequest { ImageTail = UrlImage })).Path);
        Assert.Empty(validator.Validate(new OmniVideoRequest { Prompt = "a boat", AspectRatio = KlingAspectRatio.Landscape16x9 }));
        Assert.Empty(validator.Validate(new TextToAudioRequest { Prompt = "rain", Duration = TimeSpan.FromSeconds(5) }));
    }

    [Fact]
    public void Validator_rejects_unusable_limits_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(new KlingValidationLimits { MaxImageAspectRatio = 0.5, ImageToVideo = { MinTrajectoryPoints = 9, MaxTrajectoryPoints = 3 } }));

        Assert.Contains("KlingValidationLimits.MaxImageAspectRatio", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.ImageToVideo.MinTrajectoryPoints", error.Message, StringComparison.Ordinal);
        Assert.Contains(". KlingValidationLimits.", error.Message, StringComparison.Ordinal); // one sentence per problem
        Assert.Equal("limits", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => new KlingRequestValidator(null!));
    }

    [Fact]
    public void Default_limits_are_the_documented_CometAPI_values()
    {
        var limits = new KlingValidationLimits();

        Assert.Equal(
            "KlingValidationLimits { MaxPromptLength = 500, MaxNegativePromptLength = 200, AllowedModes = [std, pro], AllowedDurations = [5, 10], AllowedAspectRatios = [16:9, 9:16, 1:1, 4:3, 3:4, 3:2, 2:3], CfgScale = [0, 1], AllowedCameraControlTypes = [simple, down_back, forward_up, right_turn_forward, left_turn_forward], MaxCameraConfigValue = 10, MaxImageBytes = 10485760, MinImageDimension = 300, MaxImageAspectRatio = 2.5, MaxAudioBytes = 5242880, "
            + "ImageToVideo = { RequireImage = True, MaxDynamicMasks = 6, TrajectoryPoints = [2, 77] }, MultiImageToVideo = { ImageCount = [2, 4] }, OmniVideo = { MaxPromptLength = 2500, AllowedDurations = [3, 4, 5, 6, 7, 8, 9, 10], AllowedAspectRatios = [16:9, 9:16, 1:1] }, ImageGeneration = { MaxImageCount = 9, AllowedAspectRatios = [16:9, 9:16, 1:1, 4:3, 3:4, 3:2, 2:3] }, "
            + "Avatar = { RequirePrompt = True, MaxPromptLength = 2500, AudioLength = [00:00:02, 00:01:00] }, LipSync = { MaxFaces = 1 }, TextToAudio = { MaxPromptLength = 200, Duration = [00:00:03, 00:00:10] }, VideoToAudio = { MaxSoundEffectPromptLength = 200, MaxBackgroundMusicPromptLength = 200 } }",
            limits.ToString());
    }

    [Fact]
    public void Official_limits_allow_2500_char_prompts_and_durations_3_to_15_and_are_a_new_object_each_time()
    {
        var official = KlingValidationLimits.CreateOfficial();

        Assert.Equal(2500, official.MaxPromptLength);
        Assert.Equal(2500, official.MaxNegativePromptLength);
        Assert.False(official.ImageToVideo.RequireImage);
        Assert.True(official.AllowedDurations.SetEquals(Enumerable.Range(3, 13).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(official.AllowedAspectRatios.SetEquals(["16:9", "9:16", "1:1"]));
        Assert.True(official.ImageGeneration.AllowedAspectRatios.SetEquals(["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"]));
        Assert.NotSame(official, KlingValidationLimits.CreateOfficial());
    }

    [Fact]
    public void KlingValidationError_prints_path_and_message() =>
        Assert.Equal("prompt: too long", new KlingValidationError("prompt", "too long").ToString());
}
