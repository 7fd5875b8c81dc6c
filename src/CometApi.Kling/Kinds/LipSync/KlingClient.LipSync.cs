namespace CometApi.Kling;

/// <summary>Lip-sync: the kind's create; the faces it needs come from <see cref="IdentifyFacesAsync"/>.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Creates a lip-sync task (<c>POST kling/v1/videos/advanced-lip-sync</c>): the chosen face of the session's video
    /// speaks the audio. The request is first checked against <see cref="KlingClientOptions.ValidationLimits"/> (nothing is
    /// sent if it breaks one), local audio is streamed into the body in small chunks, and the task is created at most
    /// once even when attempts are retried.
    /// </summary>
    /// <param name="request">The session (from <see cref="IdentifyFacesAsync"/>), the face and its audio.</param>
    /// <param name="cancellationToken">Cancels the call. The task may still have been created if the request was already sent.</param>
    /// <returns>The created task (its <see cref="TaskData.Kind"/> is <see cref="KlingTaskKind.LipSync"/>), usually <see cref="KlingTaskStatus.Submitted"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks documented limits (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingAmbiguousCreateException">The task may or may not exist; its <see cref="KlingException.Task"/> finds it. Do not create it again.</exception>
    /// <exception cref="KlingConnectionException">No response arrived and nothing can have been created.</exception>
    /// <remarks>
    /// Audio made with <see cref="KlingAudio.FromStream"/> belongs to this call: its stream is disposed when it ends, unless
    /// made with <c>leaveOpen: true</c>. CometAPI does not document how to query these tasks; the client uses
    /// <c>videos/advanced-lip-sync/{task_id}</c>, like the official host (see <see cref="LipSyncRequest"/>).
    /// </remarks>
    public virtual Task<TaskResponse> CreateLipSyncAsync(LipSyncRequest request, CancellationToken cancellationToken = default) =>
        CreateTaskAsync(request, cancellationToken);
}
