namespace CometApi.Kling.Testing;

/// <summary>What a <see cref="KlingEmulatorFault"/> does to a request.</summary>
public enum KlingEmulatorFaultKind
{
    /// <summary>The request is handled normally (the fault may still add latency or <c>Retry-After</c>).</summary>
    None = 0,

    /// <summary>A scripted response replaces the normal one; the request is not handled (no task is created).</summary>
    Response,

    /// <summary>The connection is closed before the request is handled.</summary>
    DropBeforeProcessing,

    /// <summary>The request is handled, then the connection is closed instead of answering.</summary>
    DropAfterProcessing,

    /// <summary>The request is handled and the answer is cut off half-way.</summary>
    TruncatedBody,
}
