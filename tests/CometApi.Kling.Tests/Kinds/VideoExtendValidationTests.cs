using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The video-extension rules (kling-catalogue §3.3), checked by the client before anything is sent: every refusal
/// asserts that no request left the client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class VideoExtendValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VideoExtendRequest Valid(Action<VideoExtendRequest>? change = null)
    {
        var request = new VideoExtendRequest { VideoId = "860260283386548293" };
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

    private static async Task<KlingValidationException> RefusedAsync(VideoExtendRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateVideoExtendAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(VideoExtendRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateVideoExtendAsync(request, Token);
        Assert.Equal(KlingTaskKind.VideoExtend, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/videos/video-extend", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    [Fact]
    public async Task Create_video_extend_accepts_a_video_id_alone()
    {
        var body = await AcceptedAsync(Valid());

        Assert.Equal("860260283386548293", (string?)body["video_id"]);
    }

    [Fact]
    public async Task Create_video_extend_rejects_a_missing_video_id()
    {
        var error = await RefusedAsync(new VideoExtendRequest { Prompt = "keep going" });

        Assert.Contains("video_id is required", Single(error, "video_id").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Create_video_extend_rejects_a_blank_video_id(string videoId)
    {
        var error = await RefusedAsync(Valid(request => request.VideoId = videoId));

        Assert.Contains("blank", Single(error, "video_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_takes_an_optional_parent_task_id_but_rejects_a_blank_one()
    {
        var body = await AcceptedAsync(Valid(request => request.ParentTaskId = "860260283386548000"));
        var error = await RefusedAsync(Valid(request => request.ParentTaskId = " "));

        Assert.Equal("860260283386548000", (string?)body["task_id"]);
        Assert.Contains("task_id is empty or blank", Single(error, "task_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_accepts_a_prompt_of_500_chars_and_rejects_501()
    {
        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 500)));
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 501)));

        Assert.Contains("KlingValidationLimits.MaxPromptLength", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_prompt_limits_follow_the_official_limits_when_set()
    {
        var official = KlingValidationLimits.CreateOfficial();

        await AcceptedAsync(Valid(request => (request.Prompt, request.NegativePrompt) = (new string('a', 2500), new string('n', 2500))), official);
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 2501)), official);

        Assert.Contains("the limit is 2500", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_accepts_negative_prompt_of_200_chars_and_rejects_201()
    {
        await AcceptedAsync(Valid(request => request.NegativePrompt = new string('n', 200)));
        var error = await RefusedAsync(Valid(request => request.NegativePrompt = new string('n', 201)));

        Assert.Contains("MaxNegativePromptLength", Single(error, "negative_prompt").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public async Task Create_video_extend_accepts_cfg_scale_from_0_to_1(double cfgScale)
    {
        var body = await AcceptedAsync(Valid(request => request.CfgScale = cfgScale));

        Assert.Equal(cfgScale, (double)body["cfg_scale"]!);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Create_video_extend_rejects_cfg_scale_outside_0_to_1(double cfgScale)
    {
        var error = await RefusedAsync(Valid(request => request.CfgScale = cfgScale));

        Assert.Contains("MinCfgScale, MaxCfgScale", Single(error, "cfg_scale").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_rejects_a_callback_url_that_is_not_absolute_http()
    {
        var error = await RefusedAsync(Valid(request => request.CallbackUrl = new Uri("ftp://example.com/hook")));

        Assert.Contains("http or https", Single(error, "callback_url").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_refuses_an_extra_field_that_repeats_a_typed_one()
    {
        var error = await RefusedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["video_id"] = "other" }));

        Assert.Contains("VideoExtendRequest.AdditionalProperties has the key 'video_id'", Single(error, "video_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_video_extend_lists_every_problem_at_once()
    {
        var error = await RefusedAsync(new VideoExtendRequest
        {
            ParentTaskId = "",
            Prompt = new string('a', 501),
            NegativePrompt = new string('n', 201),
            CfgScale = 2,
            CallbackUrl = new Uri("/relative", UriKind.Relative),
        });

        Assert.Equal(["task_id", "video_id", "prompt", "negative_prompt", "cfg_scale", "callback_url"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public void The_validator_checks_a_video_extend_request_on_its_own()
    {
        var errors = new KlingRequestValidator().Validate(new VideoExtendRequest());

        Assert.Equal("video_id", Assert.Single(errors).Path);
    }
}
