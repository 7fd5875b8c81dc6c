namespace CometApi.Kling;

/// <summary>Image generation: the kind's one entry point; everything after the create is kind-generic.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates an image-generation task (<c>POST kling/v1/images/generations</c>). The request is first checked against
    /// <see cref="KlingClientOptions.ValidationLimits"/> (nothing is sent if it breaks one), and the task is created at
    /// most once even when attempts are retried. With <see cref="KlingResilienceOptions.MaxConcurrentTasks"/> set, the task
    /// holds <see cref="ImageGenerationRequest.ImageCount"/> slots (Kling counts each image as one concurrent task).
    /// </summary>
    /// <param name="request">What to generate.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.ImageGeneration"/>), usually <see cref="KlingTaskStatus.Submitted"/>; its result is <see cref="TaskResult.Images"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed), or asks for more images than <see cref="KlingResilienceOptions.MaxConcurrentTasks"/>; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist; its <see cref="KlingException.Task"/> finds it. Do not create it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    public virtual Task<TaskResponse> CreateImageGenerationAsync(ImageGenerationRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
