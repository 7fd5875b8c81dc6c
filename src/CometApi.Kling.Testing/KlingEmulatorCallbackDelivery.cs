namespace CometApi.Kling.Testing;

/// <summary>One callback the emulator POSTed (or tried to) to a task's <c>callback_url</c>.</summary>
public sealed record KlingEmulatorCallbackDelivery
{
    /// <summary>The task the callback is about.</summary>
    public string TaskId { get; init; } = string.Empty;

    /// <summary>The status the callback announced.</summary>
    public KlingTaskStatus Status { get; init; }

    /// <summary>Where it was POSTed; the emulator always sets it (a record made by hand has none until set).</summary>
    public Uri Url { get; init; } = null!;

    /// <summary>The JSON body sent: the bare task object, without the <c>code</c>/<c>message</c> envelope.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>
    /// The headers sent, by case-insensitive name: <c>Content-Type</c>, and with
    /// <see cref="KlingEmulatorOptions.WebhookSecrets"/> <c>webhook-id</c>, <c>webhook-timestamp</c> and
    /// <c>webhook-signature</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>When the status changed, on the emulator's clock (the delivery itself happens right after).</summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>The receiver's HTTP status, or <see langword="null"/> when no response arrived.</summary>
    public int? ResponseStatusCode { get; init; }

    /// <summary>Why the delivery failed (an exception message), or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the receiver answered with a 2xx status.</summary>
    public bool Succeeded => ResponseStatusCode is >= 200 and < 300;
}
