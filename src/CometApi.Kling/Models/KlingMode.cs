using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A generation mode (<c>mode</c>). Unknown values are kept as they are.</summary>
[JsonConverter(typeof(KlingModeJsonConverter))]
public readonly struct KlingMode : IEquatable<KlingMode>
{
    private const string StandardValue = "std";
    private const string ProValue = "pro";
    private const string FourKValue = "4k";

    private readonly string? _value;

    /// <summary>Creates a mode from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingMode(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Standard mode (<c>std</c>): cost-effective, the API's default.</summary>
    public static KlingMode Standard { get; } = new(StandardValue);

    /// <summary>Professional mode (<c>pro</c>): higher quality.</summary>
    public static KlingMode Pro { get; } = new(ProValue);

    /// <summary>
    /// Native 4K (<c>4k</c>; Kling changelog 2026-04-23): only with <see cref="KlingModel.KlingV3"/> for text and image to
    /// video and <see cref="KlingModel.KlingV3Omni"/> for omni video; the validator refuses it with any other model.
    /// </summary>
    public static KlingMode FourK { get; } = new(FourKValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingMode left, KlingMode right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingMode left, KlingMode right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingMode"/>.</summary>
    public static implicit operator KlingMode(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingMode other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingMode other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
