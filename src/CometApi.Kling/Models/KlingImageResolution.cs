using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A generated image's resolution (<c>resolution</c>; official Kling). Unknown values are kept as they are.</summary>
[JsonConverter(typeof(KlingImageResolutionJsonConverter))]
public readonly struct KlingImageResolution : IEquatable<KlingImageResolution>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingImageResolution(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>1K (<c>1k</c>), the service's default.</summary>
    public static KlingImageResolution OneK { get; } = new("1k");

    /// <summary>2K (<c>2k</c>).</summary>
    public static KlingImageResolution TwoK { get; } = new("2k");

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingImageResolution left, KlingImageResolution right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingImageResolution left, KlingImageResolution right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingImageResolution"/>.</summary>
    public static implicit operator KlingImageResolution(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingImageResolution other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingImageResolution other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
