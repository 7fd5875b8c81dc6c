using System.Net;
using CometApi.Kling.Testing.Tests.Infrastructure;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// The virtual try-on kind (docs/kling-catalogue.md section 4.3, the official body): the emulator's own checks, a
/// genuine JPEG as <c>task_result.images[]</c>, and the SDK's client through create, wait and download.
/// </summary>
public class VirtualTryOnTests
{
    private const string Route = "kling/v1/images/kolors-virtual-try-on";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body(string? model = null, string? human = "https://example.com/person.png", string? cloth = "https://example.com/shirt.png")
    {
        var fields = new List<string>();
        if (model is not null)
        {
            fields.Add($"\"model_name\":\"{model}\"");
        }

        if (human is not null)
        {
            fields.Add($"\"human_image\":\"{human}\"");
        }

        if (cloth is not null)
        {
            fields.Add($"\"cloth_image\":\"{cloth}\"");
        }

        return "{" + string.Join(",", fields) + "}";
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kolors-virtual-try-on-v1")]
    [InlineData("kolors-virtual-try-on-v1-5")]
    public async Task Virtual_try_on_accepts_a_person_and_a_garment_with_either_model(string? model)
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(Body(model));

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("images/kolors-virtual-try-on", Assert.Single(emulator.Tasks).Route);
    }

    public static TheoryData<string, string> RefusedBodies() => new()
    {
        { Body(human: null), "human_image is required" },
        { Body(cloth: null), "cloth_image is required" },
        { Body(model: "kling-v1"), "invalid model_name" },
        { Body(cloth: "data:image/png;base64,AAAA"), "invalid cloth_image" },
        { Body(human: TestImages.PngBase64(200, 200)), "at least 300 px" },
        { Body(human: TestImages.PngBase64(900, 300)), "aspect ratio" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task Virtual_try_on_refuses_a_body_that_breaks_a_rule_with_1201_and_makes_no_task(string json, string messagePart)
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator) { RoutePath = Route };

        var answer = await api.CreateAsync(json);

        Assert.Equal((400, 1201), (answer.Status, answer.Code));
        Assert.Contains(messagePart, answer.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task GenerateAsync_of_a_try_on_saves_one_genuine_jpeg_at_the_path_given()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.FromMilliseconds(20), ProcessingDuration = TimeSpan.FromMilliseconds(50) });
        var client = emulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("kling-try-on-");
        try
        {
            var result = await client.GenerateAsync(
                new VirtualTryOnRequest
                {
                    ModelName = KlingModel.KolorsVirtualTryOnV15,
                    HumanImage = KlingImage.FromBytes(TestImages.Png(600, 900)),
                    ClothingImage = KlingImage.FromUrl(new Uri("https://example.com/shirt.png")),
                },
                KlingOutput.File(Path.Combine(folder.FullName, "look.jpg")),
                new KlingGenerateOptions { Wait = { FirstPollDelay = TimeSpan.FromMilliseconds(20), MinPollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30) } },
                cancellationToken: Token);

            Assert.Equal(KlingTaskKind.VirtualTryOn, result.Task.Data.Kind);
            var image = Assert.Single(result.Task.Data.TaskResult!.Images);
            Assert.Equal(0, image.Index);
            var file = Assert.Single(result.Files);
            Assert.Equal(Path.Combine(folder.FullName, "look.jpg"), file);
            Assert.Equal([0xFF, 0xD8, 0xFF], (await File.ReadAllBytesAsync(file, Token))[..3]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_try_on_result_url_serves_image_jpeg()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.Zero, ProcessingDuration = TimeSpan.Zero });
        using var api = new RawApi(emulator) { RoutePath = Route };
        var id = (await api.CreateAsync(Body())).TaskId;

        var done = await api.QueryAsync(id);
        using var download = new HttpClient(emulator.CreateHandler());
        using var response = await download.GetAsync(done.Data.GetProperty("task_result").GetProperty("images")[0].GetProperty("url").GetString(), Token);

        Assert.Equal("succeed", done.TaskStatus);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }
}
