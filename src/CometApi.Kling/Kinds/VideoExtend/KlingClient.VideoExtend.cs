namespace CometApi.Kling;

/// <summary>Video extension: the kind's one entry point; everything after the create is kind-generic.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates a video-extension task (<c>POST kling/v1/videos/video-extend</c>) that continues a generated video. The
    /// request is first checked against <see cref="KlingClientOptions.ValidationLimits"/> (nothing is sent if it breaks
    /// one). The route takes no external id, so the create is sent once: a failure that leaves its outcome unknown is
    /// thrown, never retried. The succeeded task names the video it continued in <see cref="TaskInfo.ParentVideo"/>.
    /// </summary>
    /// <param name="request">The video to continue and how.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.VideoExtend"/>), usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request (HTTP 400 for a video that cannot be extended) or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist and cannot be looked up by id: check the task list before creating it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    public virtual Task<TaskResponse> CreateVideoExtendAsync(VideoExtendRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
