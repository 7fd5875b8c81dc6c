using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The image-generation kind (docs/kling-catalogue.md section 4.1): the emulator's own checks of the body (each refusal
/// is 400, code 1201, and makes no task), n genuine PNGs as <c>task_result.images[]</c>, n slots toward the running-task
/// limit, and the SDK's client through create, wait and download of every image.
/// </summary>
public class ImageGenerationTests
{
    private const string Route = "kling/v1/images/generations";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private KlingEmulatorOptions Options(Action<KlingEmulatorOptions>? configure = null)
    {
        var options = new KlingEmulatorOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        return options;
    }

    private static JsonObject Body(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["prompt"] = "a red fox in fresh snow" };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    private static async Task<RawApi.Answer> CreateAsync(KlingEmulator emulator, JsonObject body)
    {
        using var api = new RawApi(emulator) { RoutePath = Route };
        return await api.CreateAsync(body.ToJsonString());
    }

    // ---- the checker ----

    [Fact]
    public async Task Image_generation_accepts_a_body_with_every_documented_field()
    {
        using var emulator = new KlingEmulator(Options());

        var answer = await CreateAsync(emulator, JsonNode.Parse($$"""
            {
              "model_name": "kling-v2-1", "prompt": "a red fox", "image": "{{TestImages.PngBase64()}}", "image_reference": "subject",
              "image_fidelity": 0.5, "human_fidelity": 0.45, "element_list": [{"element_id": 829836802793406551}], "resolution": "2k",
              "n": 3, "aspect_ratio": "21:9", "watermark_info": {"enabled": true}, "callback_url": "https://example.com/hook",
              "external_task_id": "order-1"
            }
            """)!.AsObject());

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("images/generations", Assert.Single(emulator.Tasks).Route);
    }

    public static TheoryData<string, string> RefusedBodies() => new()
    {
        { """{"n":2}""", "prompt is required" },
        { """{"prompt":"  "}""", "invalid prompt: empty" },
        { """{"prompt":"p","negative_prompt":"blur","image":"https://example.com/a.png"}""", "invalid negative_prompt" },
        { """{"prompt":"p","model_name":"kling-v9"}""", "invalid model_name" },
        { """{"prompt":"p","image":"data:image/png;base64,AAAA"}""", "raw base64" },
        { """{"prompt":"p","image_reference":"face"}""", "image is required with image_reference" },
        { """{"prompt":"p","image":"https://example.com/a.png","image_reference":"body"}""", "must be subject or face" },
        { """{"prompt":"p","image_fidelity":1.5}""", "invalid image_fidelity" },
        { """{"prompt":"p","image":"https://example.com/a.png","image_reference":"face","human_fidelity":0.5}""", "only with image_reference subject" },
        { """{"prompt":"p","element_list":[{"element_id":"7"}]}""", "element_id" },
        { """{"prompt":"p","image":"https://example.com/a.png","element_list":[{"element_id":1},{"element_id":2},{"element_id":3},{"element_id":4},{"element_id":5},{"element_id":6},{"element_id":7},{"element_id":8},{"element_id":9},{"element_id":10}]}""", "at most 10" },
        { """{"prompt":"p","resolution":"4k"}""", "must be 1k or 2k" },
        { """{"prompt":"p","n":"3"}""", "invalid n: must be an integer" },
        { """{"prompt":"p","n":0}""", "invalid n: 0" },
        { """{"prompt":"p","n":10}""", "invalid n: 10" },
        { """{"prompt":"p","aspect_ratio":"5:4"}""", "invalid aspect_ratio" },
        { """{"prompt":"p","callback_url":"ftp://example.com"}""", "invalid callback_url" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task Image_generation_refuses_a_body_that_breaks_a_documented_rule_with_1201_and_makes_no_task(string json, string messagePart)
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(json);

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task Image_generation_refuses_a_reference_image_under_300_px()
    {
        using var emulator = new KlingEmulator(Options());

        var answer = await CreateAsync(emulator, Body(("image", TestImages.PngBase64(200, 400))));

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains("at least 300 px", answer.Message, StringComparison.Ordinal);
    }

    // ---- the result ----

    [Fact]
    public async Task An_n3_task_reports_three_indexed_images_each_serving_a_genuine_png()
    {
        using var emulator = new KlingEmulator(Options());
        using var api = new RawApi(emulator) { RoutePath = Route };
        var id = (await api.CreateAsync(Body(("n", 3)).ToJsonString())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var done = await api.QueryAsync(id);

        Assert.Equal("succeed", done.TaskStatus);
        var images = done.Data.GetProperty("task_result").GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], images.Select(image => image.GetProperty("index").GetInt32()));
        using var download = new HttpClient(emulator.CreateHandler());
        foreach (var image in images)
        {
            Assert.False(image.TryGetProperty("watermark_url", out _));
            using var response = await download.GetAsync(image.GetProperty("url").GetString(), Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(PngSignature, bytes[..8]);
        }

        Assert.Equal(3, images.Select(image => image.GetProperty("url").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task An_n_image_task_holds_n_of_the_running_task_limit()
    {
        using var emulator = new KlingEmulator(Options(o => o.MaxRunningTasksPerKey = 4));

        var three = await CreateAsync(emulator, Body(("n", 3)));
        var two = await CreateAsync(emulator, Body(("n", 2)));
        var one = await CreateAsync(emulator, Body());

        Assert.Equal(200, three.Status);
        Assert.Equal((429, 1303), (two.Status, two.Code));
        Assert.Equal(200, one.Status);
    }

    // ---- the SDK's client ----

    private static KlingEmulatorOptions Fast() => new() { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(50) };

    private static KlingWaitOptions FastWait() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(20),
        MinPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task GenerateAsync_of_three_images_into_a_folder_saves_three_pngs_named_after_the_task()
    {
        using var emulator = new KlingEmulator(Fast());
        var client = emulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("kling-images-");
        try
        {
            var result = await client.GenerateAsync(
                new ImageGenerationRequest { Prompt = "a red fox", ImageCount = 3, AspectRatio = KlingAspectRatio.Square1x1 },
                KlingOutput.Folder(folder.FullName),
                new KlingGenerateOptions { Wait = FastWait() },
                Token);

            var id = result.Task.Data.TaskId;
            Assert.Equal(KlingTaskKind.ImageGeneration, result.Task.Data.Kind);
            Assert.Equal(3, result.Task.Data.TaskResult!.Images.Count);
            Assert.Equal(Enumerable.Range(1, 3).Select(i => Path.Combine(folder.FullName, $"{id}-{i}.png")), result.Files);
            foreach (var file in result.Files)
            {
                Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(file, Token))[..8]);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DownloadResultsAsync_of_three_images_to_a_file_target_is_refused_and_saves_nothing()
    {
        using var emulator = new KlingEmulator(Fast());
        var client = emulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("kling-images-");
        try
        {
            var created = await client.CreateImageGenerationAsync(new ImageGenerationRequest { Prompt = "a red fox", ImageCount = 3 }, Token);
            var done = await client.WaitForCompletionAsync(created, FastWait(), Token);

            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(folder.FullName, "fox.png")), cancellationToken: Token));

            Assert.Equal("output", error.ParamName);
            Assert.Contains("3 files", error.Message, StringComparison.Ordinal);
            Assert.Empty(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_clients_body_passes_the_emulators_independent_checks_with_a_local_reference_image()
    {
        using var emulator = new KlingEmulator(Fast());
        var client = emulator.CreateClient();

        var created = await client.CreateImageGenerationAsync(
            new ImageGenerationRequest
            {
                Prompt = "a red fox",
                Image = KlingImage.FromBytes(TestImages.Png(640, 480)),
                ImageReference = KlingImageReference.Subject,
                ImageFidelity = 0.6,
                HumanFidelity = 0.4,
                Elements = [new KlingElement { ElementId = 42 }],
                Resolution = KlingImageResolution.TwoK,
                ImageCount = 2,
                WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
            },
            Token);

        Assert.Equal(KlingTaskStatus.Submitted, created.Data.TaskStatus);
        var sent = Assert.Single(emulator.Tasks).Request;
        Assert.Equal(JsonValueKind.Number, sent.GetProperty("n").ValueKind);
        Assert.False(sent.GetProperty("image").GetString()!.StartsWith("data:", StringComparison.Ordinal));
    }
}
