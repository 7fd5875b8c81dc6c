using CometApi.Kling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

/// <summary>
/// An application service that uses a <see cref="KlingClient"/>, as your own services would: here taken from
/// <see cref="IKlingClientFactory"/> by tenant name (Video:Tenant; none = the unnamed client). With one client, inject
/// <see cref="KlingClient"/> itself, or <c>[FromKeyedServices("acme")] KlingClient</c> for a fixed tenant.
/// </summary>
internal sealed partial class VideoMaker(IKlingClientFactory clients, IConfiguration configuration, ILogger<VideoMaker> logger)
{
    public async Task<string> MakeAsync(CancellationToken cancellationToken)
    {
        var video = configuration.GetSection("Video");
        var client = clients.CreateClient(video["Tenant"] ?? string.Empty);

        // KlingWaitOptions binds from configuration too (Timeout, FirstPollDelay, ...); Progress is set in code.
        var wait = configuration.GetSection("Wait").Get<KlingWaitOptions>() ?? new KlingWaitOptions();
        wait.Progress = new Progress<TaskResponse>(task => TaskStatusChanged(logger, task.Data.TaskId, task.Data.TaskStatus.ToString()));

        // Your own id names the file: GenerateAsync needs the path before the task (and its id) exists.
        var externalId = $"di-sample-{Guid.NewGuid():N}";
        var result = await client.GenerateAsync(
            new ImageToVideoRequest
            {
                Image = KlingImage.FromFile(Path.Combine(AppContext.BaseDirectory, "sample-image.png")),
                Prompt = video["Prompt"],
                ExternalTaskId = externalId,
            },
            KlingOutput.File(Path.Combine(video["OutputFolder"] ?? "output", $"{externalId}.mp4")),
            new KlingGenerateOptions { Wait = wait },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.FilePath;
    }

    [LoggerMessage(1, LogLevel.Information, "Task {TaskId}: {Status}")]
    private static partial void TaskStatusChanged(ILogger logger, string taskId, string status);
}
