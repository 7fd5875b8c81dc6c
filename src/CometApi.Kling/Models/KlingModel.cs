using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>A Kling model name (<c>model_name</c>). New models work before this SDK lists them: any string converts implicitly.</summary>
[JsonConverter(typeof(KlingModelJsonConverter))]
public readonly struct KlingModel : IEquatable<KlingModel>
{
    private const string KlingV1Value = "kling-v1";
    private const string KlingV15Value = "kling-v1-5";
    private const string KlingV16Value = "kling-v1-6";
    private const string KlingV2MasterValue = "kling-v2-master";
    private const string KlingV21Value = "kling-v2-1";
    private const string KlingV21MasterValue = "kling-v2-1-master";
    private const string KlingV25TurboValue = "kling-v2-5-turbo";
    private const string KlingV26Value = "kling-v2-6";
    private const string KlingV3Value = "kling-v3";
    private const string KolorsVirtualTryOnV1Value = "kolors-virtual-try-on-v1";
    private const string KolorsVirtualTryOnV15Value = "kolors-virtual-try-on-v1-5";

    private readonly string? _value;

    /// <summary>Creates a model from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingModel(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Kling 1.0 (<c>kling-v1</c>), the API's default model.</summary>
    public static KlingModel KlingV1 { get; } = new(KlingV1Value);

    /// <summary>Kling 1.5 (<c>kling-v1-5</c>).</summary>
    public static KlingModel KlingV15 { get; } = new(KlingV15Value);

    /// <summary>Kling 1.6 (<c>kling-v1-6</c>).</summary>
    public static KlingModel KlingV16 { get; } = new(KlingV16Value);

    /// <summary>Kling 2.0 Master (<c>kling-v2-master</c>), CometAPI's recommended starting model.</summary>
    public static KlingModel KlingV2Master { get; } = new(KlingV2MasterValue);

    /// <summary>Kling 2.1 (<c>kling-v2-1</c>).</summary>
    public static KlingModel KlingV21 { get; } = new(KlingV21Value);

    /// <summary>Kling 2.1 Master (<c>kling-v2-1-master</c>).</summary>
    public static KlingModel KlingV21Master { get; } = new(KlingV21MasterValue);

    /// <summary>Kling 2.5 Turbo (<c>kling-v2-5-turbo</c>).</summary>
    public static KlingModel KlingV25Turbo { get; } = new(KlingV25TurboValue);

    /// <summary>Kling 2.6 (<c>kling-v2-6</c>).</summary>
    public static KlingModel KlingV26 { get; } = new(KlingV26Value);

    /// <summary>Kling 3.0 (<c>kling-v3</c>).</summary>
    public static KlingModel KlingV3 { get; } = new(KlingV3Value);

    /// <summary>Kolors virtual try-on 1.0 (<c>kolors-virtual-try-on-v1</c>), virtual try-on's default.</summary>
    public static KlingModel KolorsVirtualTryOnV1 { get; } = new(KolorsVirtualTryOnV1Value);

    /// <summary>Kolors virtual try-on 1.5 (<c>kolors-virtual-try-on-v1-5</c>); also takes one cloth image combining an upper and a lower garment.</summary>
    public static KlingModel KolorsVirtualTryOnV15 { get; } = new(KolorsVirtualTryOnV15Value);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingModel left, KlingModel right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingModel left, KlingModel right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingModel"/>.</summary>
    public static implicit operator KlingModel(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingModel other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingModel other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
