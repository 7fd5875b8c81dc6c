namespace CometApi.Kling;

/// <summary>
/// The outcome of checking a Kling callback's signature headers with <see cref="KlingCallbackVerifier"/>. Accept a
/// delivery only when the outcome is <see cref="Valid"/>; every other value, the default one included, is a refusal.
/// </summary>
public enum KlingCallbackVerification
{
    /// <summary>
    /// Not checked: the default value, never returned by <see cref="KlingCallbackVerifier.Verify"/>. It is not
    /// <see cref="Valid"/>, so a forgotten assignment or an unhandled branch refuses the delivery instead of accepting it.
    /// </summary>
    None = 0,

    /// <summary>Signed with a configured secret, fresh, and not seen before: the delivery is authentic (its id is now remembered).</summary>
    Valid = 1,

    /// <summary>A signature header (<c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c>) is missing or empty.</summary>
    MissingSignature = 2,

    /// <summary>No <c>v1</c> signature in <c>webhook-signature</c> matches the body under any configured secret (forged, altered, or another secret).</summary>
    InvalidSignature = 3,

    /// <summary>
    /// Correctly signed, but <c>webhook-timestamp</c> is further from now than the tolerance, or is not Unix seconds
    /// (a delayed or replayed delivery, or a clock out of step).
    /// </summary>
    Stale = 4,

    /// <summary>Correctly signed and fresh, but a delivery with this <c>webhook-id</c> was already accepted.</summary>
    Replayed = 5,
}
