namespace CometApi.Kling.Testing;

/// <summary>One callback the emulator POSTed (or tried to) to a task's <c>callback_url</c>.</summary>
public sealed record KlingEmulatorCallbackDelivery
{
    /// <summary>The task the callback is about.</summary>
    public required string TaskId { get; init; }

    /// <summary>The status the callback announced.</summary>
    public required KlingTaskStatus Status { get; init; }

    /// <summary>Where it was POSTed.</summary>
    public required Uri Url { get; init; }

    /// <summary>The JSON body sent: the bare task object, without the <c>code</c>/<c>message</c> envelope.</summary>
    public required string Body { get; init; }

    /// <summary>When the status changed, on the emulator's clock (the delivery itself happens right after).</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The receiver's HTTP status, or <see langword="null"/> when no response arrived.</summary>
    public int? ResponseStatusCode { get; init; }

    /// <summary>Why the delivery failed (an exception message), or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the receiver answered with a 2xx status.</summary>
    public bool Succeeded => ResponseStatusCode is >= 200 and < 300;
}
