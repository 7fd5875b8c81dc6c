using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>What an image generation takes from its reference <c>image</c> (<c>image_reference</c>; official Kling). Unknown values are kept as they are.</summary>
[JsonConverter(typeof(KlingImageReferenceJsonConverter))]
public readonly struct KlingImageReference : IEquatable<KlingImageReference>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingImageReference(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Keep the subject of the reference image (<c>subject</c>); <see cref="ImageGenerationRequest.HumanFidelity"/> applies only to it.</summary>
    public static KlingImageReference Subject { get; } = new("subject");

    /// <summary>Keep the face of the reference image (<c>face</c>); the image must show exactly one face.</summary>
    public static KlingImageReference Face { get; } = new("face");

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingImageReference left, KlingImageReference right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingImageReference left, KlingImageReference right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingImageReference"/>.</summary>
    public static implicit operator KlingImageReference(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingImageReference other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingImageReference other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
