using CometApi.Kling;
using Microsoft.Extensions.Logging;

namespace CometApi.Kling.AspNetCore;

/// <summary>What the callback endpoint itself logs (the processor logs the work behind it); never a secret or a signature.</summary>
internal static partial class KlingCallbackEndpointLog
{
    // Ids 1–8 are the processor's, so the two sets never collide in one category.
    [LoggerMessage(9, LogLevel.Warning, "Kling callback refused with 401: {Outcome}. InvalidSignature with real Kling deliveries means a wrong or rotated-out secret; Stale means this server's clock is off or the delivery was delayed.")]
    public static partial void Refused(ILogger logger, KlingCallbackVerification outcome);
}
