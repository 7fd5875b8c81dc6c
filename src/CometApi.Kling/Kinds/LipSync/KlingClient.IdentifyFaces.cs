using System.Net.Http.Headers;
using CometApi.Kling.Diagnostics;
using CometApi.Kling.Http;
using CometApi.Kling.Kinds.LipSync;
using CometApi.Kling.Serialization;
using Polly.Timeout;

namespace CometApi.Kling;

/// <summary>Identify-face: the synchronous first step of a lip-sync.</summary>
public partial class KlingClient
{
    /// <summary>
    /// Finds the faces in a video (<c>POST kling/v1/videos/identify-face</c>), the first step of a lip-sync: the answer is
    /// immediate (no task) and its <see cref="KlingFaceIdentification.SessionId"/> and a
    /// <see cref="KlingFace.FaceId"/> go into a <see cref="LipSyncRequest"/>. The request is checked first (nothing is sent
    /// if it breaks a rule).
    /// </summary>
    /// <param name="request">The video: <see cref="IdentifyFacesRequest.VideoId"/> or <see cref="IdentifyFacesRequest.VideoUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the call. The service may still have processed (and billed) a request that was already sent.</param>
    /// <returns>The session and the faces found (possibly none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request breaks a documented rule (every problem is listed); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">No API key is configured; nothing was sent.</exception>
    /// <exception cref="KlingApiException">The service refused the request or answered something unreadable.</exception>
    /// <exception cref="KlingConnectionException">No response arrived (the request may have been processed).</exception>
    /// <remarks>
    /// The service bills this call and it has no id to look it up by, so it is sent once: it is sent again only after a
    /// failure that proves the request never reached the service (connection refused, host not found, or a 1302/1303
    /// throttling refusal), as a create would be. After an ambiguous failure (a timeout, a reset connection, a 5xx) the
    /// error is thrown with <see cref="KlingException.IsRetryable"/> false: calling again may work, but may be billed twice.
    /// </remarks>
    public virtual async Task<KlingFaceIdentification> IdentifyFacesAsync(IdentifyFacesRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var errors = IdentifyFacesCall.Validate(request, _validator.Limits);
        if (errors.Count > 0)
        {
            throw new KlingValidationException(errors, nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sender = Sender;
        sender.CheckKey();
        var uri = sender.Resolve(RoutePrefix + IdentifyFacesCall.Route);
        var body = IdentifyFacesCall.Body(request);
        using var activity = KlingTelemetry.Start("kling.identify_face");
        return await KlingTelemetry.TraceAsync(
            activity,
            async () =>
            {
                IdentifyFacesResponse answer;
                try
                {
                    answer = await sender.Pipelines.BilledCall.ExecuteAsync(
                        static async (state, token) => await state.sender.SendOnceAsync(
                            HttpMethod.Post, state.uri, () => JsonContent(state.body), KlingJsonContext.Default.IdentifyFacesResponse, IdentifyFacesCall.Operation, token).ConfigureAwait(false),
                        (sender, uri, body),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutRejectedException ex)
                {
                    throw NotRetryable(sender.Pipelines.TimedOut(IdentifyFacesCall.Operation, ex));
                }
                catch (KlingException ex) when (ex.IsRetryable && !KlingErrorClassifier.IsNotProcessed(ex))
                {
                    // The call is billed and may have been processed: "retryable" must never mean "pay again".
                    throw NotRetryable(ex);
                }

                var identification = answer.Data!;
                activity?.SetTag("kling.session_id", identification.SessionId);
                activity?.SetTag("kling.face_count", identification.Faces.Count);
                return identification;
            },
            error => _telemetry.Failed(IdentifyFacesCall.Operation, error)).ConfigureAwait(false);
    }

    private static KlingException NotRetryable(KlingException error)
    {
        error.IsRetryable = false;
        return error;
    }

    /// <summary>A fresh body for one attempt (a sent request's content is disposed with it).</summary>
    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
