using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A video's width:height (<c>aspect_ratio</c>), e.g. <c>16:9</c>. Unknown values are kept as they are.</summary>
[JsonConverter(typeof(KlingAspectRatioJsonConverter))]
public readonly struct KlingAspectRatio : IEquatable<KlingAspectRatio>
{
    private readonly string? _value;

    /// <summary>Creates an aspect ratio from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>"16:9"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingAspectRatio(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Landscape 16:9, the service's default.</summary>
    public static KlingAspectRatio Landscape16x9 { get; } = new("16:9");

    /// <summary>Portrait 9:16.</summary>
    public static KlingAspectRatio Portrait9x16 { get; } = new("9:16");

    /// <summary>Square 1:1.</summary>
    public static KlingAspectRatio Square1x1 { get; } = new("1:1");

    /// <summary>4:3 (CometAPI only).</summary>
    public static KlingAspectRatio Landscape4x3 { get; } = new("4:3");

    /// <summary>3:4 (CometAPI only).</summary>
    public static KlingAspectRatio Portrait3x4 { get; } = new("3:4");

    /// <summary>3:2 (CometAPI only).</summary>
    public static KlingAspectRatio Landscape3x2 { get; } = new("3:2");

    /// <summary>2:3 (CometAPI only).</summary>
    public static KlingAspectRatio Portrait2x3 { get; } = new("2:3");

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingAspectRatio left, KlingAspectRatio right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingAspectRatio left, KlingAspectRatio right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingAspectRatio"/>.</summary>
    public static implicit operator KlingAspectRatio(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingAspectRatio other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingAspectRatio other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
