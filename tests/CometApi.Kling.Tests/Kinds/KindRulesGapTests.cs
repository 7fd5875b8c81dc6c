using System.Net;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// Gaps the mutation run of 2026-12-02 found in the kind code: every typed text-to-video field is guarded against a
/// repeat in AdditionalProperties, messages name the kind they are about, and a static mask's own aspect ratio is
/// checked when the image is a URL.
/// </summary>
public sealed class KindRulesGapTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> TextToVideoFields() => new(Setters.Keys);

    // Each typed field set to a value the rules accept on its own (multi-shot fields with multi_shot unset are ignored).
    private static readonly Dictionary<string, Action<TextToVideoRequest>> Setters = new()
    {
        ["prompt"] = request => request.Prompt = "A red fox",
        ["negative_prompt"] = request => request.NegativePrompt = "blur",
        ["model_name"] = request => request.ModelName = KlingModel.KlingV16,
        ["aspect_ratio"] = request => request.AspectRatio = KlingAspectRatio.Square1x1,
        ["mode"] = request => request.Mode = KlingMode.Standard,
        ["duration"] = request => request.Duration = KlingDuration.Five,
        ["cfg_scale"] = request => request.CfgScale = 0.5,
        ["camera_control"] = request => request.CameraControl = new KlingCameraControl { Type = "down_back" },
        ["callback_url"] = request => request.CallbackUrl = new Uri("https://example.com/kling/callback"),
        ["external_task_id"] = request => request.ExternalTaskId = "order-42",
        ["sound"] = request => request.Sound = "on",
        ["voice_list"] = request => request.Voices = [new KlingVoice { VoiceId = "voice-1" }],
        ["multi_shot"] = request => request.MultiShot = false,
        ["shot_type"] = request => request.ShotType = "customize",
        ["multi_prompt"] = request => request.Shots = [new KlingShot { Index = 1, Prompt = "shot", Duration = KlingDuration.Five }],
        ["watermark_info"] = request => request.WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
    };

    [Theory]
    [MemberData(nameof(TextToVideoFields))]
    public void Text2video_refuses_an_extra_field_that_repeats_each_typed_field_that_is_set(string field)
    {
        var request = new TextToVideoRequest { Prompt = "A red fox runs through fresh snow" };
        Setters[field](request);
        var valid = new KlingRequestValidator().Validate(request);
        request.AdditionalProperties = new Dictionary<string, JsonNode?> { [field] = "again" };

        var errors = new KlingRequestValidator().Validate(request);

        Assert.Empty(valid);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Path);
        Assert.Contains($"TextToVideoRequest.AdditionalProperties has the key '{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_text2video_create_names_its_kind_and_operation()
    {
        // Every create answers 500 and the lookup by external id fails too: the outcome cannot be settled.
        var handler = CapturingHandler.Json("""{"code":5000,"message":"server error"}""", HttpStatusCode.InternalServerError);
        var client = KindApi.Client(handler, configure: options =>
        {
            options.Resilience.MaxRetryAttempts = 0;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(
            () => client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox" }, Token));

        Assert.StartsWith("Creating the text-to-video task failed ambiguously", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetTaskByExternalIdAsync(KlingTaskKind.TextToVideo, \"", error.Message, StringComparison.Ordinal);
        Assert.Equal(KlingTaskKind.TextToVideo, error.Task!.Kind);
    }

    [Fact]
    public async Task A_refused_image2video_create_names_the_image_to_video_operation()
    {
        var handler = CapturingHandler.Json("""{"code":5000,"message":"server error"}""", HttpStatusCode.InternalServerError);
        var client = KindApi.Client(handler, configure: options =>
        {
            options.Resilience.MaxRetryAttempts = 0;
            options.Resilience.AutoExternalTaskId = false;
        });

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(
            () => client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")) }, Token));

        Assert.StartsWith("Creating the image-to-video task failed ambiguously", error.Message, StringComparison.Ordinal);
        Assert.Contains("ListTasksAsync(KlingTaskKind.ImageToVideo)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_mask_with_an_extreme_aspect_ratio_is_refused_when_the_image_is_a_url()
    {
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
            StaticMask = KlingImage.FromBytes(TestImages.Png(1000, 300)),
        };

        var error = Assert.Single(new KlingRequestValidator().Validate(request));

        Assert.Equal("static_mask", error.Path);
        Assert.Contains("aspect ratio of 3.333:1", error.Message, StringComparison.Ordinal);
    }
}
