using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>How a multi-shot video is split into shots (<c>shot_type</c>).</summary>
[JsonConverter(typeof(KlingShotTypeJsonConverter))]
public readonly struct KlingShotType : IEquatable<KlingShotType>
{
    private const string CustomizeValue = "customize";
    private const string IntelligenceValue = "intelligence";

    private readonly string? _value;

    /// <summary>Creates a shot type from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingShotType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Shots are given by <see cref="ImageToVideoRequest.Shots"/> (<c>customize</c>).</summary>
    public static KlingShotType Customize { get; } = new(CustomizeValue);

    /// <summary>The model splits the prompt into shots itself (<c>intelligence</c>).</summary>
    public static KlingShotType Intelligence { get; } = new(IntelligenceValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingShotType left, KlingShotType right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingShotType left, KlingShotType right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingShotType"/>.</summary>
    public static implicit operator KlingShotType(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingShotType other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingShotType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
