using System.Net;
using CometApi.Kling.Images;
using CometApi.Kling.Tests.Infrastructure;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests;

/// <summary>CreateImageToVideoAsync checks the request before sending and owns the streams of the images it sends.</summary>
public sealed class KlingClientValidationTests : IDisposable
{
    private const string ApiKey = "sk-validation-secret-42";
    private const string CreateUrl = "https://api.cometapi.com/kling/v1/videos/image2video";
    private static readonly KlingImage UrlImage = KlingImage.FromUrl(new Uri("https://example.com/cat.png"));

    private readonly TempFiles _files = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Create_throws_every_problem_at_once_and_sends_nothing()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var anything = mockHttp.When("*").Respond("application/json", Responses.Created);
        var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromBytes(TestImages.Png(299, 300)),
            Prompt = new string('a', 501),
            CfgScale = 1.01,
            Duration = "7",
        };

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(request, _cancellationToken));

        Assert.Equal(0, mockHttp.GetMatchCount(anything));
        Assert.Equal(["image", "prompt", "duration", "cfg_scale"], error.Errors.Select(e => e.Path));
        Assert.Equal("request", error.ParamName);
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal(
            """
            The request has 4 problems; nothing was sent:
            - image: the image is 299×300 px; width and height must be at least 300 px (KlingValidationLimits.MinImageDimension).
            - prompt: prompt has 501 characters (Unicode scalar values); the limit is 500 (KlingValidationLimits.MaxPromptLength).
            - duration: duration "7" is not accepted; accepted: "5", "10" (KlingValidationLimits.AllowedDurations).
            - cfg_scale: cfg_scale is 1.01; it must be a finite number from 0 to 1 (KlingValidationLimits.MinCfgScale, MaxCfgScale). (Parameter 'request')
            """.ReplaceLineEndings(),
            error.Message);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cfg_scale with kling-v2-master", "cfg_scale")]
    [InlineData("element_list with voice_list", "element_list")]
    [InlineData("a voice reference with sound off", "sound")]
    [InlineData("a reference to a third voice", "prompt")]
    [InlineData("shots that do not add up to the duration", "multi_prompt")]
    [InlineData("customized shots without multi_prompt", "multi_prompt")]
    public async Task Create_refuses_a_documented_invalid_combination_under_both_limit_sets_and_sends_nothing(string name, string path)
    {
        foreach (var limits in new[] { new KlingValidationLimits(), KlingValidationLimits.CreateOfficial() })
        {
            using var mockHttp = new MockHttpMessageHandler();
            var anything = mockHttp.When("*").Respond("application/json", Responses.Created);
            var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey, ValidationLimits = limits });

            var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(InvalidCombination(name), _cancellationToken));

            Assert.Equal(0, mockHttp.GetMatchCount(anything));
            Assert.Equal(path, Assert.Single(error.Errors).Path);
        }
    }

    [Fact]
    public async Task Create_sends_cfg_scale_with_a_kling_v1_model()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = UrlImage, ModelName = KlingModel.KlingV16, CfgScale = 0.5 }, _cancellationToken);

        Assert.Equal("""{"image":"https://example.com/cat.png","model_name":"kling-v1-6","cfg_scale":0.5}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Create_checks_the_request_before_the_api_key()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { ApiKey = null });

        await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(new ImageToVideoRequest(), _cancellationToken));
    }

    [Fact]
    public async Task Create_uses_the_limits_of_the_options()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey, ValidationLimits = KlingValidationLimits.CreateOfficial() });

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = UrlImage, Prompt = new string('a', 2500), Duration = "12" }, _cancellationToken);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Client_copies_the_limits_when_it_is_created()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var options = new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey };
        var client = new KlingClient(new HttpClient(handler), options);
        options.ValidationLimits.MaxPromptLength = 5;

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = UrlImage, Prompt = "longer than five" }, _cancellationToken);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Client_rejects_unusable_limits_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingClient(
            new HttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey, ValidationLimits = new KlingValidationLimits { MaxImageBytes = 0 } }));

        Assert.Contains("KlingClientOptions.ValidationLimits.MaxImageBytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ImageKind.Bytes)]
    [InlineData(ImageKind.Base64)]
    [InlineData(ImageKind.File)]
    [InlineData(ImageKind.SeekableStream)]
    [InlineData(ImageKind.NonSeekableStream)]
    public async Task Create_sends_a_local_image_as_raw_base64_with_a_Content_Length(ImageKind kind)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var png = TestImages.Png(1280, 720, totalLength: 200_000);

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = ImageKinds.Make(kind, png, _files), Prompt = "go" }, _cancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($$"""{"image":"{{Convert.ToBase64String(png)}}","prompt":"go"}""", request.Body);
        Assert.Equal(request.Body!.Length, request.ContentHeaders!.ContentLength);
        Assert.Equal("application/json", request.ContentHeaders.ContentType!.ToString());
    }

    [Fact]
    public async Task A_non_seekable_stream_is_sent_from_a_temporary_file_that_is_deleted_when_the_call_ends()
    {
        var image = KlingImage.FromStream(new NonSeekableStream(new MemoryStream(TestImages.Png(640, 480))));
        var source = (StreamImageSource)image.Source!;
        string? spoolDuringSend = null;
        var handler = new CapturingHandler(_ =>
        {
            spoolDuringSend = source.SpoolPath;
            Assert.True(File.Exists(spoolDuringSend));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Responses.Created) };
        });
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image }, _cancellationToken);

        Assert.NotNull(spoolDuringSend);
        Assert.False(File.Exists(spoolDuringSend));
        Assert.Null(source.SpoolPath);
    }

    [Fact]
    public async Task Create_disposes_a_stream_when_the_call_ends_unless_leaveOpen()
    {
        var client = new KlingClient(new HttpClient(CapturingHandler.Json(Responses.Created)), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var owned = new MemoryStream(TestImages.Png(640, 480));
        var kept = new MemoryStream(TestImages.Png(640, 480));

        await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromStream(owned), StaticMask = KlingImage.FromStream(kept, leaveOpen: true) }, _cancellationToken);

        Assert.False(owned.CanRead);
        Assert.True(kept.CanRead);
    }

    [Fact]
    public async Task Create_disposes_the_streams_of_a_request_that_fails_validation_or_is_refused()
    {
        var refused = new KlingClient(
            new HttpClient(CapturingHandler.Json("""{"code":1201,"message":"bad","request_id":"r"}""", HttpStatusCode.BadRequest)), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var invalidImage = new NonSeekableStream(new MemoryStream(TestImages.Png(100, 100)));
        var refusedImage = new MemoryStream(TestImages.Png(640, 480));

        await Assert.ThrowsAsync<KlingValidationException>(() => refused.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromStream(invalidImage) }, _cancellationToken));
        await Assert.ThrowsAsync<KlingApiException>(() => refused.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromStream(refusedImage) }, _cancellationToken));

        Assert.True(invalidImage.IsDisposed);
        Assert.False(refusedImage.CanRead);
    }

    [Fact]
    public async Task A_seekable_stream_left_open_can_be_sent_twice()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var request = new ImageToVideoRequest { Image = KlingImage.FromStream(new MemoryStream(TestImages.Png(640, 480)), leaveOpen: true) };

        await client.CreateImageToVideoAsync(request, _cancellationToken);
        await client.CreateImageToVideoAsync(request, _cancellationToken);

        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task A_stream_image_used_again_after_its_call_is_a_validation_error_that_says_why()
    {
        var client = new KlingClient(new HttpClient(CapturingHandler.Json(Responses.Created)), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var disposed = new ImageToVideoRequest { Image = KlingImage.FromStream(new MemoryStream(TestImages.Png(640, 480))) };
        var consumed = new ImageToVideoRequest { Image = KlingImage.FromStream(new NonSeekableStream(new MemoryStream(TestImages.Png(640, 480))), leaveOpen: true) };
        await client.CreateImageToVideoAsync(disposed, _cancellationToken);
        await client.CreateImageToVideoAsync(consumed, _cancellationToken);

        var disposedError = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(disposed, _cancellationToken));
        var consumedError = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(consumed, _cancellationToken));

        Assert.Equal(
            "the image (stream) cannot be read: the stream of this KlingImage was consumed by an earlier call, which disposed it when it ended: a request holding a stream is single-use. "
            + "Build a new KlingImage (KlingImage.FromStream) for each call, or pass leaveOpen: true with a seekable stream to send it again.",
            Assert.Single(disposedError.Errors).Message);
        Assert.Equal(
            "the image (stream, not seekable) cannot be read: the stream of this KlingImage cannot seek and was consumed by an earlier call, which read it to its end: "
            + "a request holding such a stream is single-use. Build a new KlingImage (KlingImage.FromStream) for each call.",
            Assert.Single(consumedError.Errors).Message);
    }

    /// <summary>
    /// Sends a create once through a handler that answers one create at <paramref name="url"/> and fails on any other
    /// request, then the same create again: returns its single validation problem, after checking nothing more was sent.
    /// </summary>
    private static async Task<KlingValidationError> SecondCreateRefusedBeforeSendingAsync(string url, Func<KlingClient, Task> create)
    {
        using var mockHttp = new MockHttpMessageHandler();
        var expected = mockHttp.Expect(HttpMethod.Post, url).Respond("application/json", Responses.Created);
        mockHttp.Fallback.Throw(new InvalidOperationException("A second request left the client."));
        var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        await create(client);

        var error = await Assert.ThrowsAsync<KlingValidationException>(() => create(client));

        mockHttp.VerifyNoOutstandingExpectation();
        Assert.Equal(1, mockHttp.GetMatchCount(expected));
        return Assert.Single(error.Errors);
    }

    [Fact]
    public async Task A_second_create_with_a_request_whose_stream_was_consumed_is_refused_before_anything_is_sent()
    {
        var request = new ImageToVideoRequest { Image = KlingImage.FromStream(new MemoryStream(TestImages.Png(640, 480))) };

        var problem = await SecondCreateRefusedBeforeSendingAsync(CreateUrl, client => client.CreateImageToVideoAsync(request, _cancellationToken));

        Assert.Equal("image", problem.Path);
        Assert.Contains("consumed by an earlier call", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Build a new KlingImage", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_create_with_audio_from_a_consumed_stream_is_refused_before_anything_is_sent_and_names_KlingAudio()
    {
        var request = new AvatarRequest
        {
            Image = UrlImage,
            Audio = KlingAudio.FromStream(new NonSeekableStream(new MemoryStream(TestAudio.Wav(5))), leaveOpen: true),
            Prompt = "She waves",
        };

        var problem = await SecondCreateRefusedBeforeSendingAsync(
            "https://api.cometapi.com/kling/v1/videos/avatar/image2video", client => client.CreateAvatarAsync(request, _cancellationToken));

        Assert.Equal("sound_file", problem.Path);
        Assert.Contains("the stream of this KlingAudio cannot seek and was consumed by an earlier call", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Build a new KlingAudio (KlingAudio.FromStream) for each call", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_call_sends_nothing_and_still_disposes_its_streams()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var anything = mockHttp.When("*").Respond("application/json", Responses.Created);
        var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var stream = new NonSeekableStream(new MemoryStream(TestImages.Png(640, 480)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromStream(stream) }, cancelled.Token));

        Assert.Equal(0, mockHttp.GetMatchCount(anything));
        Assert.True(stream.IsDisposed);
    }

    [Fact]
    public async Task FromBytes_does_not_copy_the_caller_s_memory()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var png = TestImages.Png(640, 480, totalLength: 64);
        var image = KlingImage.FromBytes(png);

        png[63] = 0x7F; // Changed after the image was made: the request carries the change, so the bytes were not copied.
        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image }, _cancellationToken);

        Assert.Equal($$"""{"image":"{{Convert.ToBase64String(png)}}"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task A_file_image_can_be_sent_again_by_another_call()
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });
        var image = KlingImage.FromFile(_files.Write(TestImages.Jpeg(640, 480)));

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image }, _cancellationToken);
        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = image, Prompt = "again" }, _cancellationToken);

        Assert.Equal(2, handler.Requests.Count);
    }

    private static ImageToVideoRequest InvalidCombination(string name) => name switch
    {
        "cfg_scale with kling-v2-master" => new ImageToVideoRequest { Image = UrlImage, ModelName = KlingModel.KlingV2Master, CfgScale = 0.5 },
        "element_list with voice_list" => new ImageToVideoRequest
        {
            Image = UrlImage, Voices = [new KlingVoice { VoiceId = "v1" }], Elements = [new KlingElement { ElementId = 1 }],
        },
        "a voice reference with sound off" => new ImageToVideoRequest
        {
            Image = UrlImage, Prompt = "<<<voice_1>>> says hi", Voices = [new KlingVoice { VoiceId = "v1" }], Sound = KlingSound.Off,
        },
        "a reference to a third voice" => new ImageToVideoRequest
        {
            Image = UrlImage, Prompt = "<<<voice_3>>> says hi", Voices = [new KlingVoice { VoiceId = "v1" }, new KlingVoice { VoiceId = "v2" }], Sound = KlingSound.On,
        },
        "shots that do not add up to the duration" => new ImageToVideoRequest
        {
            Image = UrlImage, Duration = KlingDuration.Ten, MultiShot = true, ShotType = KlingShotType.Customize,
            Shots = [new KlingShot { Index = 1, Prompt = "wake up", Duration = "3" }, new KlingShot { Index = 2, Prompt = "stretch", Duration = "5" }],
        },
        "customized shots without multi_prompt" => new ImageToVideoRequest { Image = UrlImage, MultiShot = true, ShotType = KlingShotType.Customize },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    [Fact]
    public async Task Create_posts_to_the_create_route()
    {
        using var mockHttp = new MockHttpMessageHandler();
        var create = mockHttp.When(HttpMethod.Post, CreateUrl).Respond("application/json", Responses.Created);
        var client = new KlingClient(mockHttp.ToHttpClient(), new KlingClientOptions { Resilience = { AutoExternalTaskId = false }, ApiKey = ApiKey });

        await client.CreateImageToVideoAsync(new ImageToVideoRequest { Image = KlingImage.FromBytes(TestImages.Png(640, 480)) }, _cancellationToken);

        Assert.Equal(1, mockHttp.GetMatchCount(create));
    }
}
