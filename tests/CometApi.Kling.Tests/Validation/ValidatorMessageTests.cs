namespace CometApi.Kling.Tests.Validation;

/// <summary>
/// The exact words users read for each rule. Written for the mutants Stryker.NET left alive in
/// KlingRequestValidator (see docs/quality.md): each of these messages could be emptied without a test noticing.
/// </summary>
public class ValidatorMessageTests
{
    private static readonly KlingImage UrlImage = KlingImage.FromUrl(new Uri("https://example.com/cat.png"));
    private static readonly KlingRequestValidator Validator = new();

    private static KlingValidationError Single(ImageToVideoRequest request, KlingValidationLimits? limits = null) =>
        Assert.Single((limits is null ? Validator : new KlingRequestValidator(limits)).Validate(request with { Image = request.Image ?? UrlImage }));

    [Fact]
    public void A_blank_external_id_gets_one_error_even_when_the_blank_is_a_control_character()
    {
        var error = Single(new ImageToVideoRequest { ExternalTaskId = "\t" });

        Assert.Equal("external_task_id", error.Path);
        Assert.Equal("external_task_id is empty or blank; leave it null or set an id.", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_at_the_start_of_the_external_id_is_rejected() =>
        Assert.Equal(
            "external_task_id has half of a surrogate pair at index 0 (invalid UTF-16).",
            Single(new ImageToVideoRequest { ExternalTaskId = "\ud83dabc" }).Message);

    [Fact]
    public void A_lone_surrogate_at_the_start_of_the_prompt_is_rejected() =>
        Assert.Equal(
            "prompt has half of a surrogate pair at index 0 (invalid UTF-16, e.g. text cut in the middle of an emoji).",
            Single(new ImageToVideoRequest { Prompt = "\udc31cat" }).Message);

    [Fact]
    public void A_relative_callback_url_says_it_is_relative() =>
        Assert.Equal(
            "callback_url must be an absolute http or https URL; it is relative.",
            Single(new ImageToVideoRequest { CallbackUrl = new Uri("/kling/callback", UriKind.Relative) }).Message);

    [Fact]
    public void A_callback_url_with_another_scheme_names_the_scheme() =>
        Assert.Equal(
            "callback_url must be an absolute http or https URL; it uses 'ftp'.",
            Single(new ImageToVideoRequest { CallbackUrl = new Uri("ftp://example.com/cb") }).Message);

    [Fact]
    public void Camera_control_with_an_end_frame_names_image_tail()
    {
        var errors = Validator.Validate(new ImageToVideoRequest
        {
            Image = UrlImage,
            ImageTail = UrlImage,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.DownBack },
        });

        var camera = Assert.Single(errors, e => e.Path == "camera_control");
        Assert.StartsWith("camera_control cannot be combined with image_tail:", camera.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Camera_control_with_masks_names_the_masks()
    {
        var errors = Validator.Validate(new ImageToVideoRequest
        {
            Image = UrlImage,
            StaticMask = UrlImage,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.DownBack },
        });

        var camera = Assert.Single(errors, e => e.Path == "camera_control");
        Assert.StartsWith("camera_control cannot be combined with static_mask/dynamic_masks:", camera.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camera_without_a_type_says_the_type_is_required() =>
        Assert.Equal(
            "camera_control.type is required.",
            Single(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = default } }).Message);

    [Fact]
    public void A_simple_camera_with_two_axes_names_them() =>
        Assert.Equal(
            "camera_control.config must have exactly one non-zero axis; 2 are set: tilt, zoom.",
            Single(new ImageToVideoRequest
            {
                CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Tilt = 1, Zoom = 2 } },
            }).Message);

    [Theory]
    [InlineData(1, 0, 0, 0, 0, 0, "horizontal")]
    [InlineData(0, 1, 0, 0, 0, 0, "vertical")]
    [InlineData(0, 0, 1, 0, 0, 0, "pan")]
    [InlineData(0, 0, 0, 1, 0, 0, "tilt")]
    [InlineData(0, 0, 0, 0, 1, 0, "roll")]
    [InlineData(0, 0, 0, 0, 0, 1, "zoom")]
    public void An_out_of_range_axis_is_reported_under_its_own_name(double h, double v, double p, double t, double r, double z, string axis)
    {
        var config = new KlingCameraConfig { Horizontal = h * 11, Vertical = v * 11, Pan = p * 11, Tilt = t * 11, Roll = r * 11, Zoom = z * 11 };

        var error = Single(new ImageToVideoRequest { CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = config } });

        Assert.Equal("camera_control.config." + axis, error.Path);
        Assert.StartsWith(axis + " is 11;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preset_camera_with_a_config_says_only_simple_takes_one() =>
        Assert.Equal(
            "camera_control type \"forward_up\" takes no config; only \"simple\" does. Remove Config.",
            Single(new ImageToVideoRequest
            {
                CameraControl = new KlingCameraControl { Type = KlingCameraControlType.ForwardUp, Config = new KlingCameraConfig { Zoom = 1 } },
            }).Message);

    [Fact]
    public void A_mask_without_trajectories_says_they_are_required()
    {
        var error = Single(new ImageToVideoRequest { DynamicMasks = [new KlingDynamicMask { Mask = UrlImage, Trajectories = null! }] });

        Assert.Equal("dynamic_masks[0].trajectories", error.Path);
        Assert.Equal("trajectories is required.", error.Message);
    }

    [Fact]
    public void An_empty_allowed_set_is_listed_as_none()
    {
        var limits = new KlingValidationLimits();
        limits.AllowedModes.Clear();

        var error = Single(new ImageToVideoRequest { Mode = KlingMode.Pro }, limits);

        Assert.Equal("mode \"pro\" is not accepted; accepted: none (KlingValidationLimits.AllowedModes).", error.Message);
    }

    [Fact]
    public void Unusable_limits_are_rejected_with_every_problem_named()
    {
        var limits = new KlingValidationLimits { MaxImageBytes = 0 };

        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(limits));

        Assert.Contains("MaxImageBytes must be positive.", error.Message, StringComparison.Ordinal);
        Assert.Equal("limits", error.ParamName);
    }
}
