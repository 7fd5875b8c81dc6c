using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI.Internal;

/// <summary>The images of a finished task, and their download as <see cref="DataContent"/>.</summary>
internal static class GeneratedImages
{
    /// <summary>The images of a finished task in the order of their index.</summary>
    /// <exception cref="KlingTaskFailedException">The task failed.</exception>
    /// <exception cref="KlingDownloadException">The task did not succeed with at least one image URL.</exception>
    public static IReadOnlyList<KlingGeneratedImage> Of(TaskResponse task)
    {
        var data = task.Data;
        if (data.TaskStatus == KlingTaskStatus.Failed)
        {
            var reason = string.IsNullOrWhiteSpace(data.TaskStatusMessage) ? "the service gave no reason" : $"\"{data.TaskStatusMessage}\"";
            throw KlingModelFactory.KlingTaskFailedException(
                task,
                $"Image generation task '{data.TaskId}' failed: {reason}. Retrying the same request is unlikely to help; change the prompt or "
                + "reference image if the reason is a content check.");
        }

        var images = (data.TaskResult?.Images ?? [])
            .Where(image => image.Url is not null)
            .Select((image, position) => (image, position))
            .OrderBy(pair => pair.image.Index ?? int.MaxValue)
            .ThenBy(pair => pair.position)
            .Select(pair => pair.image)
            .ToArray();
        if (data.TaskStatus != KlingTaskStatus.Succeeded || images.Length == 0)
        {
            throw KlingModelFactory.KlingDownloadException(
                isRetryable: false,
                lastKnownTask: task,
                message: $"Image generation task '{data.TaskId}' ended with status '{data.TaskStatus}' but its result has no image URL. Query it again later "
                + $"(KlingClient.GetTaskAsync(KlingTaskKind.ImageGeneration, \"{data.TaskId}\")) in case the service fills its result.");
        }

        return images;
    }

    /// <summary>
    /// Downloads one image through the client (its retries, timeouts and redirect rules) into memory. Its
    /// <see cref="DataContent.Name"/> is the file name <see cref="KlingClient.DownloadResultsAsync"/> gives it in a folder
    /// (<c>{task id}.png</c>, or <c>{task id}-{1…n}.png</c> for several), so <c>SaveToAsync(folder)</c> names files the same way.
    /// </summary>
    /// <exception cref="KlingDownloadException">The download failed; never retryable, because repeating the call pays for a new task.</exception>
    public static async Task<DataContent> DownloadAsync(KlingClient client, TaskResponse task, KlingGeneratedImage image, int position, int count, CancellationToken cancellationToken)
    {
        var url = image.Url!;
        using var buffer = new MemoryStream();
        try
        {
            await client.DownloadAsync(url, buffer, progress: null, cancellationToken).ConfigureAwait(false);
        }
        catch (KlingDownloadException ex)
        {
            throw KlingModelFactory.KlingDownloadException(
                ex.StatusCode,
                isRetryable: false,
                lastKnownTask: task,
                $"Image generation task '{task.Data.TaskId}' succeeded, but downloading its image {image.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no index)"} "
                + $"failed: {ex.Message} The task is paid for: rather than generating again, download its results with "
                + $"KlingClient.DownloadResultsAsync(exception.LastKnownTask, KlingOutput.Folder(folder)) (query it again first if the links expired), "
                + "or ask for ImageGenerationResponseFormat.Uri to get the links without downloading.",
                ex);
        }

        var bytes = buffer.ToArray();
        var mediaType = ImageMediaType.FromBytes(bytes) ?? ImageMediaType.FromUrl(url);
        var number = count > 1 ? "-" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return new DataContent(bytes, mediaType)
        {
            Name = SafeFileName(task.Data.TaskId) + number + ImageMediaType.Extension(mediaType),
            RawRepresentation = image,
        };
    }

    // A task id is digits on Kling; anything else is kept out of a file name all the same.
    private static string SafeFileName(string taskId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(taskId.Select(c => invalid.Contains(c) || c == '.' ? '_' : c).ToArray());
        return name.Length == 0 ? "image" : name;
    }
}
