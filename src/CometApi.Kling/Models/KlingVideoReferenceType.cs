using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>How an omni-video reference video is used (<c>video_list[].refer_type</c>).</summary>
[JsonConverter(typeof(KlingVideoReferenceTypeJsonConverter))]
public readonly struct KlingVideoReferenceType : IEquatable<KlingVideoReferenceType>
{
    private const string FeatureValue = "feature";
    private const string BaseValue = "base";

    private readonly string? _value;

    /// <summary>Creates a reference type from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingVideoReferenceType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The video is a style or feature reference for a new video (<c>feature</c>).</summary>
    public static KlingVideoReferenceType Feature { get; } = new(FeatureValue);

    /// <summary>The video is the one to edit (<c>base</c>): the output follows its frame and length, and no first or end frame may be set.</summary>
    public static KlingVideoReferenceType Base { get; } = new(BaseValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingVideoReferenceType left, KlingVideoReferenceType right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingVideoReferenceType left, KlingVideoReferenceType right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingVideoReferenceType"/>.</summary>
    public static implicit operator KlingVideoReferenceType(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingVideoReferenceType other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingVideoReferenceType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
