using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The text-to-audio rules (kling-catalogue §5.1: prompt required, at most 200 characters; duration required, 3.0 to
/// 10.0 seconds, one decimal at most), checked before anything is sent: every refusal asserts that no request left the
/// client, and every acceptance that exactly one create was sent.
/// </summary>
public sealed class TextToAudioValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TextToAudioRequest Valid(Action<TextToAudioRequest>? change = null)
    {
        var request = new TextToAudioRequest { Prompt = "rain on a tin roof", Duration = TimeSpan.FromSeconds(5) };
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

    private static async Task<KlingValidationException> RefusedAsync(TextToAudioRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateTextToAudioAsync(request, Token));
        Assert.Empty(handler.Requests);
        Assert.Equal("request", error.ParamName);
        Assert.NotEmpty(error.Errors);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(TextToAudioRequest request, KlingValidationLimits? limits = null)
    {
        var (client, handler) = Client(limits);
        var created = await client.CreateTextToAudioAsync(request, Token);
        Assert.Equal(KlingTaskKind.TextToAudio, created.Data.Kind);
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/kling/v1/audio/text-to-audio", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    // ---- prompt ----

    [Fact]
    public async Task Create_text_to_audio_rejects_a_missing_prompt()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = null));

        Assert.Contains("required", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \t")]
    public async Task Create_text_to_audio_rejects_an_empty_or_blank_prompt(string prompt)
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = prompt));

        Assert.Contains("blank", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_accepts_a_prompt_of_exactly_200_chars()
    {
        var prompt = new string('a', 200);

        var body = await AcceptedAsync(Valid(request => request.Prompt = prompt));

        Assert.Equal(prompt, (string?)body["prompt"]);
    }

    [Fact]
    public async Task Create_text_to_audio_rejects_prompt_over_200_chars()
    {
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 201)));

        var problem = Single(error, "prompt");
        Assert.Contains("201 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.TextToAudio.MaxPromptLength", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_counts_the_prompt_in_unicode_scalar_values()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F327", 200)); // 400 UTF-16 units, 200 characters

        await AcceptedAsync(Valid(request => request.Prompt = emoji));
        var error = await RefusedAsync(Valid(request => request.Prompt = emoji + "\U0001F327"));

        Assert.Contains("201 characters", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_prompt_limit_is_TextToAudio_MaxPromptLength_not_MaxPromptLength()
    {
        var limits = new KlingValidationLimits { TextToAudio = { MaxPromptLength = 10 }, MaxPromptLength = 5 };

        await AcceptedAsync(Valid(request => request.Prompt = new string('a', 10)), limits);
        var error = await RefusedAsync(Valid(request => request.Prompt = new string('a', 11)), limits);
        await RefusedAsync(Valid(request => request.Prompt = new string('a', 201)), KlingValidationLimits.CreateOfficial());

        Assert.Contains("the limit is 10", Single(error, "prompt").Message, StringComparison.Ordinal);
    }

    // ---- duration ----

    [Fact]
    public async Task Create_text_to_audio_rejects_a_missing_duration()
    {
        var error = await RefusedAsync(Valid(request => request.Duration = null));

        Assert.Contains("required", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(3.1)]
    [InlineData(5.0)]
    [InlineData(9.9)]
    [InlineData(10.0)]
    public async Task Create_text_to_audio_accepts_durations_from_3_to_10_seconds_with_one_decimal(double seconds)
    {
        var body = await AcceptedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(seconds)));

        Assert.Equal(seconds, (double)body["duration"]!);
    }

    [Theory]
    [InlineData(2.9)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(10.1)]
    [InlineData(60.0)]
    public async Task Create_text_to_audio_rejects_a_duration_outside_3_to_10_seconds(double seconds)
    {
        var error = await RefusedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(seconds)));

        var problem = Single(error, "duration");
        Assert.Contains("from 3.0 to 10.0", problem.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.TextToAudio.MinDuration, TextToAudio.MaxDuration", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5.25)]
    [InlineData(3.05)]
    [InlineData(7.125)]
    public async Task Create_text_to_audio_rejects_a_duration_with_more_than_one_decimal(double seconds)
    {
        var error = await RefusedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(seconds)));

        Assert.Contains("at most one decimal", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_duration_range_is_configurable()
    {
        var limits = new KlingValidationLimits { TextToAudio = { MinDuration = TimeSpan.FromSeconds(1), MaxDuration = TimeSpan.FromSeconds(20) } };

        await AcceptedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(1.5)), limits);
        await AcceptedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(20)), limits);
        var error = await RefusedAsync(Valid(request => request.Duration = TimeSpan.FromSeconds(20.1)), limits);

        Assert.Contains("from 1.0 to 20.0", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_audio_limits_are_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(new KlingValidationLimits
        {
            TextToAudio = { MaxPromptLength = -1, MinDuration = TimeSpan.FromSeconds(11) },
            VideoToAudio = { MaxSoundEffectPromptLength = -1, MaxBackgroundMusicPromptLength = -1 },
        }));

        Assert.Contains("KlingValidationLimits.TextToAudio.MaxPromptLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.TextToAudio.MinDuration and MaxDuration must satisfy", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.VideoToAudio.MaxSoundEffectPromptLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("KlingValidationLimits.VideoToAudio.MaxBackgroundMusicPromptLength", error.Message, StringComparison.Ordinal);
    }

    // ---- callback_url, external_task_id, extra fields ----

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///tmp/hook")]
    public async Task Create_text_to_audio_rejects_a_callback_url_that_is_not_http(string url)
    {
        var error = await RefusedAsync(Valid(request => request.CallbackUrl = new Uri(url)));

        Assert.Equal("callback_url", Single(error, "callback_url").Path);
    }

    [Fact]
    public async Task Create_text_to_audio_rejects_a_blank_external_task_id()
    {
        var error = await RefusedAsync(Valid(request => request.ExternalTaskId = " "));

        Assert.Contains("blank", Single(error, "external_task_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_rejects_an_extra_field_that_repeats_a_typed_one()
    {
        var error = await RefusedAsync(Valid(request => request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["duration"] = 5 }));

        Assert.Contains("TextToAudioRequest.AdditionalProperties", Single(error, "duration").Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> TypedFields() => new("prompt", "duration", "external_task_id", "callback_url");

    [Theory]
    [MemberData(nameof(TypedFields))]
    public async Task Create_text_to_audio_guards_every_typed_field_against_a_repeat_in_AdditionalProperties(string field)
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.ExternalTaskId = "order-42";
            request.CallbackUrl = new Uri("https://example.com/kling/callback");
            request.AdditionalProperties = new Dictionary<string, JsonNode?> { [field] = 1 };
        }));

        Assert.Contains("AdditionalProperties", Single(error, field).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_text_to_audio_lists_every_problem_at_once_and_sends_nothing()
    {
        var error = await RefusedAsync(new TextToAudioRequest
        {
            Prompt = new string('a', 201),
            Duration = TimeSpan.FromSeconds(12.55),
            CallbackUrl = new Uri("/hook", UriKind.Relative),
            ExternalTaskId = string.Empty,
        });

        Assert.Equal(["prompt", "duration", "callback_url", "external_task_id"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public void The_validator_checks_a_text_to_audio_request_without_a_client()
    {
        var validator = new KlingRequestValidator();

        Assert.Empty(validator.Validate(Valid()));
        Assert.Equal(["prompt", "duration"], validator.Validate(new TextToAudioRequest()).Select(problem => problem.Path));
    }
}
