namespace CometApi.Kling;

/// <summary>Multi-image to video: the kind's one entry point; everything after the create is kind-generic.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates a multi-image-to-video task (<c>POST kling/v1/videos/multi-image2video</c>). The request is first checked
    /// against <see cref="KlingClientOptions.ValidationLimits"/> (nothing is sent if it breaks one), local images are
    /// streamed into the body in small chunks, and the task is created at most once even when attempts are retried.
    /// </summary>
    /// <param name="request">What to generate.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.MultiImageToVideo"/>), usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist; its <see cref="KlingException.Task"/> finds it. Do not create it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    /// <remarks>Images made with <see cref="KlingImage.FromStream"/> belong to this call: their streams are disposed when it ends, unless made with <c>leaveOpen: true</c>.</remarks>
    public virtual Task<TaskResponse> CreateMultiImageToVideoAsync(MultiImageToVideoRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
