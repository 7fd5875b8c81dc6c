using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// A video effect (<c>effect_scene</c>). The static members are the scenes CometAPI documents; the service's list
/// changes (the official host lists more than 200 scenes and has retired some of CometAPI's), so any other string
/// converts implicitly and is sent as it is.
/// </summary>
[JsonConverter(typeof(KlingEffectSceneJsonConverter))]
public readonly struct KlingEffectScene : IEquatable<KlingEffectScene>
{
    private const string FuzzyFuzzyValue = "fuzzyfuzzy";
    private const string SquishValue = "squish";
    private const string ExpansionValue = "expansion";
    private const string HugValue = "hug";
    private const string KissValue = "kiss";
    private const string HeartGestureValue = "heart_gesture";

    private readonly string? _value;

    /// <summary>Creates a scene from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>"squish"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public KlingEffectScene(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>A single-image scene (<c>fuzzyfuzzy</c>).</summary>
    public static KlingEffectScene FuzzyFuzzy { get; } = new(FuzzyFuzzyValue);

    /// <summary>A single-image scene: the subject is squished like clay (<c>squish</c>).</summary>
    public static KlingEffectScene Squish { get; } = new(SquishValue);

    /// <summary>A single-image scene: the subject inflates like a balloon (<c>expansion</c>).</summary>
    public static KlingEffectScene Expansion { get; } = new(ExpansionValue);

    /// <summary>A two-person scene: the two people hug (<c>hug</c>, CometAPI's default).</summary>
    public static KlingEffectScene Hug { get; } = new(HugValue);

    /// <summary>A two-person scene: the two people kiss (<c>kiss</c>).</summary>
    public static KlingEffectScene Kiss { get; } = new(KissValue);

    /// <summary>A two-person scene: the two people make a heart with their hands (<c>heart_gesture</c>).</summary>
    public static KlingEffectScene HeartGesture { get; } = new(HeartGestureValue);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator ==(KlingEffectScene left, KlingEffectScene right) => left.Equals(right);

    /// <summary>Compares two values by wire value, ignoring case.</summary>
    public static bool operator !=(KlingEffectScene left, KlingEffectScene right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="KlingEffectScene"/>.</summary>
    public static implicit operator KlingEffectScene(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingEffectScene other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingEffectScene other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
