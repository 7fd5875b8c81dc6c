using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A camera movement preset (<c>camera_control.type</c>).</summary>
[JsonConverter(typeof(KlingCameraControlTypeJsonConverter))]
public readonly struct KlingCameraControlType : IEquatable<KlingCameraControlType>
{
    private const string SimpleValue = "simple";
    private const string DownBackValue = "down_back";
    private const string ForwardUpValue = "forward_up";
    private const string RightTurnForwardValue = "right_turn_forward";
    private const string LeftTurnForwardValue = "left_turn_forward";

    private readonly string? _value;

    /// <summary>Creates a camera control type from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingCameraControlType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>One movement chosen by <see cref="KlingCameraControl.Config"/> (<c>simple</c>).</summary>
    public static KlingCameraControlType Simple { get; } = new(SimpleValue);

    /// <summary>The camera descends and moves back (<c>down_back</c>); takes no config.</summary>
    public static KlingCameraControlType DownBack { get; } = new(DownBackValue);

    /// <summary>The camera moves forward and tilts up (<c>forward_up</c>); takes no config.</summary>
    public static KlingCameraControlType ForwardUp { get; } = new(ForwardUpValue);

    /// <summary>The camera turns right, then moves forward (<c>right_turn_forward</c>); takes no config.</summary>
    public static KlingCameraControlType RightTurnForward { get; } = new(RightTurnForwardValue);

    /// <summary>The camera turns left, then moves forward (<c>left_turn_forward</c>); takes no config.</summary>
    public static KlingCameraControlType LeftTurnForward { get; } = new(LeftTurnForwardValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingCameraControlType left, KlingCameraControlType right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingCameraControlType left, KlingCameraControlType right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingCameraControlType"/>.</summary>
    public static implicit operator KlingCameraControlType(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingCameraControlType other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingCameraControlType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
