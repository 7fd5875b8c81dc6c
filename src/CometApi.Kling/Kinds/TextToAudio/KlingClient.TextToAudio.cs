namespace CometApi.Kling;

/// <summary>Text to audio: the kind's one entry point; everything after the create is kind-generic.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates a text-to-audio task (<c>POST kling/v1/audio/text-to-audio</c>): a sound effect or ambience from a prompt,
    /// delivered as MP3 and WAV (<see cref="TaskResult.Audios"/>; <see cref="DownloadResultsAsync"/> saves both). The
    /// request is first checked against <see cref="KlingClientOptions.ValidationLimits"/> (nothing is sent if it breaks
    /// one), and the task is created at most once even when attempts are retried.
    /// </summary>
    /// <param name="request">What to generate.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.TextToAudio"/>), usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist; its <see cref="KlingException.Task"/> finds it. Do not create it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    public virtual Task<TaskResponse> CreateTextToAudioAsync(TextToAudioRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
