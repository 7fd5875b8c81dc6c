using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>What an omni-video image is for (<c>image_list[].type</c>): a first or end frame; leave it unset for a plain reference image.</summary>
[JsonConverter(typeof(KlingOmniImageTypeJsonConverter))]
public readonly struct KlingOmniImageType : IEquatable<KlingOmniImageType>
{
    private const string FirstFrameValue = "first_frame";
    private const string EndFrameValue = "end_frame";

    private readonly string? _value;

    /// <summary>Creates an image type from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingOmniImageType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The video starts on this image (<c>first_frame</c>).</summary>
    public static KlingOmniImageType FirstFrame { get; } = new(FirstFrameValue);

    /// <summary>The video ends on this image (<c>end_frame</c>); Kling needs a first frame with it.</summary>
    public static KlingOmniImageType EndFrame { get; } = new(EndFrameValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingOmniImageType left, KlingOmniImageType right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingOmniImageType left, KlingOmniImageType right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingOmniImageType"/>.</summary>
    public static implicit operator KlingOmniImageType(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingOmniImageType other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingOmniImageType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
