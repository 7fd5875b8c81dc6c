using System.Net.Http.Headers;
using System.Text.Json;

namespace CometApi.Kling.Testing.Tests;

/// <summary>
/// <see cref="KlingEmulatorOptions.WrapOmniVideoQueries"/>: the omni-video query answers in the wrapper shape one revision
/// of CometAPI's page shows (kling-catalogue §3.9), and the SDK still waits for and saves the video.
/// </summary>
public class OmniVideoWrappedAnswerTests
{
    private static KlingEmulator Emulator() => new(new KlingEmulatorOptions
    {
        SubmittedDuration = TimeSpan.FromMilliseconds(30),
        ProcessingDuration = TimeSpan.FromMilliseconds(100),
        WrapOmniVideoQueries = true,
    });

    private static OmniVideoRequest Request() => new()
    {
        Prompt = "a paper boat on a rainy street",
        AspectRatio = KlingAspectRatio.Landscape16x9,
    };

    [Fact]
    public async Task A_wrapped_query_nests_the_task_under_data_data_with_an_outer_status()
    {
        using var emulator = Emulator();
        var ct = TestContext.Current.CancellationToken;
        var created = await emulator.CreateClient().CreateOmniVideoAsync(Request(), ct);
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://api.cometapi.com/") };
        using var query = new HttpRequestMessage(HttpMethod.Get, "kling/v1/videos/omni-video/" + created.Data.TaskId);
        query.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KlingEmulator.DefaultApiKey);

        using var response = await http.SendAsync(query, ct);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        var data = answer.RootElement.GetProperty("data");
        Assert.Equal("OMNI_VIDEO", data.GetProperty("action").GetString());
        Assert.False(data.TryGetProperty("task_status", out _));
        Assert.Equal("IN_PROGRESS", data.GetProperty("status").GetString());
        Assert.Equal(created.Data.TaskId, data.GetProperty("data").GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task The_client_waits_for_a_wrapped_omni_video_and_saves_a_genuine_mp4()
    {
        using var emulator = Emulator();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("kling-omni-wrapped-").FullName;
        try
        {
            var result = await emulator.CreateClient().GenerateAsync(
                Request(),
                KlingOutput.File(Path.Combine(folder, "boat.mp4")),
                new KlingGenerateOptions { Wait = { FirstPollDelay = TimeSpan.FromMilliseconds(20), MinPollInterval = TimeSpan.FromMilliseconds(20), MaxPollInterval = TimeSpan.FromMilliseconds(50) } },
                cancellationToken: ct);

            Assert.Equal(KlingTaskStatus.Succeeded, result.Task.Data.TaskStatus);
            Assert.Equal(KlingTaskKind.OmniVideo, result.Task.Data.Kind);
            var bytes = await File.ReadAllBytesAsync(result.FilePath, ct);
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
