using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A video length in seconds (<c>duration</c>), sent as a JSON string such as <c>"5"</c>. Other lengths newer models accept convert implicitly from a string.</summary>
[JsonConverter(typeof(KlingDurationJsonConverter))]
public readonly struct KlingDuration : IEquatable<KlingDuration>
{
    private const string FiveValue = "5";
    private const string TenValue = "10";

    private readonly string? _value;

    /// <summary>Creates a duration from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingDuration(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Five seconds (<c>"5"</c>), the API's default.</summary>
    public static KlingDuration Five { get; } = new(FiveValue);

    /// <summary>Ten seconds (<c>"10"</c>).</summary>
    public static KlingDuration Ten { get; } = new(TenValue);

    /// <summary>Creates a duration from a whole number of seconds.</summary>
    /// <param name="seconds">The length in seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is not positive.</exception>
    public static KlingDuration FromSeconds(int seconds) => seconds > 0
        ? new(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A duration must be a positive number of seconds.");

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingDuration left, KlingDuration right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingDuration left, KlingDuration right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingDuration"/>.</summary>
    public static implicit operator KlingDuration(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingDuration other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingDuration other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
