namespace CometApi.Kling;

/// <summary>Video to audio: the kind's one entry point; everything after the create is kind-generic.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates a video-to-audio task (<c>POST kling/v1/audio/video-to-audio</c>): a soundtrack for a video given by its
    /// Kling video id or public URL (not a local file). The result holds the video with its new sound
    /// (<see cref="TaskResult.Videos"/>) and the sound alone as MP3 and WAV (<see cref="TaskResult.Audios"/>);
    /// <see cref="DownloadResultsAsync"/> saves all of them. The request is first checked against
    /// <see cref="KlingClientOptions.ValidationLimits"/> (nothing is sent if it breaks one), and the task is created at
    /// most once even when attempts are retried.
    /// </summary>
    /// <param name="request">The video and what to hear.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.VideoToAudio"/>), usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist; its <see cref="KlingException.Task"/> finds it. Do not create it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    public virtual Task<TaskResponse> CreateVideoToAudioAsync(VideoToAudioRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
