using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>Whether the video has generated sound (<c>sound</c>, newer models only).</summary>
[JsonConverter(typeof(KlingSoundJsonConverter))]
public readonly struct KlingSound : IEquatable<KlingSound>
{
    private const string OnValue = "on";
    private const string OffValue = "off";

    private readonly string? _value;

    /// <summary>Creates a sound setting from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingSound(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Generate sound (<c>on</c>).</summary>
    public static KlingSound On { get; } = new(OnValue);

    /// <summary>No sound (<c>off</c>), the API's default.</summary>
    public static KlingSound Off { get; } = new(OffValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingSound left, KlingSound right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingSound left, KlingSound right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingSound"/>.</summary>
    public static implicit operator KlingSound(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingSound other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingSound other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
