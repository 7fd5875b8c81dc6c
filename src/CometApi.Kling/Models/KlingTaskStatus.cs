using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The status of a Kling task (<c>task_status</c>, or <c>status</c> in Kling's new-standard answers). Unknown values sent
/// by the server are kept as they are and never end a wait.
/// </summary>
[JsonConverter(typeof(KlingTaskStatusJsonConverter))]
public readonly struct KlingTaskStatus : IEquatable<KlingTaskStatus>
{
    private const string SubmittedValue = "submitted";
    private const string ProcessingValue = "processing";
    private const string SucceedValue = "succeed";

    // Kling's new-standard answers and signed callbacks spell success this way; it is the same status as "succeed".
    private const string SucceededValue = "succeeded";
    private const string FailedValue = "failed";

    private readonly string? _value;

    /// <summary>Creates a status from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>"processing"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingTaskStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The task was accepted and is queued (<c>submitted</c>).</summary>
    public static KlingTaskStatus Submitted { get; } = new(SubmittedValue);

    /// <summary>The video is being generated (<c>processing</c>).</summary>
    public static KlingTaskStatus Processing { get; } = new(ProcessingValue);

    /// <summary>
    /// The task finished and its result holds the files. The legacy routes say <c>succeed</c>, Kling's new-standard
    /// answers and signed callbacks <c>succeeded</c>: both spellings are this one status
    /// (<c>status == KlingTaskStatus.Succeeded</c> holds for either), and <see cref="ToString"/> keeps the spelling the
    /// server used. This value itself is written as <c>succeed</c>, the spelling of the routes this SDK creates on.
    /// </summary>
    public static KlingTaskStatus Succeeded { get; } = new(SucceedValue);

    /// <summary>The task failed; <see cref="TaskData.TaskStatusMessage"/> says why.</summary>
    public static KlingTaskStatus Failed { get; } = new(FailedValue);

    /// <summary>Whether the task has ended (<see cref="Succeeded"/> or <see cref="Failed"/>); unknown statuses are not terminal.</summary>
    public bool IsTerminal => Equals(Succeeded) || Equals(Failed);

    /// <summary>Compares two statuses by wire value, ignoring case (<c>succeed</c> equals <c>succeeded</c>).</summary>
    public static bool operator ==(KlingTaskStatus left, KlingTaskStatus right) => left.Equals(right);

    /// <summary>Compares two statuses by wire value, ignoring case (<c>succeed</c> equals <c>succeeded</c>).</summary>
    public static bool operator !=(KlingTaskStatus left, KlingTaskStatus right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingTaskStatus"/>.</summary>
    public static implicit operator KlingTaskStatus(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingTaskStatus other && Equals(other);

    /// <inheritdoc/>
    /// <remarks>Ignores case, and <c>succeed</c> equals <c>succeeded</c>.</remarks>
    public bool Equals(KlingTaskStatus other) => string.Equals(Canonical(_value), Canonical(other._value), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Canonical(_value)!);

    // The one spelling each status is compared by.
    private static string? Canonical(string? value) =>
        string.Equals(value, SucceededValue, StringComparison.OrdinalIgnoreCase) ? SucceedValue : value;

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
