using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The body of <c>POST kling/v1/videos/effects</c>: apply a preset effect (<see cref="EffectScene"/>) to one image or to
/// two people (<see cref="Input"/>). Every property left <see langword="null"/> is omitted from the request. The
/// properties are settable (also from C# 7.3); do not change a request while a call that was given it is running.
/// </summary>
/// <remarks>
/// The service owns the list of scenes and changes it, so a scene this SDK does not know is sent as it is. A scene the
/// SDK knows is checked against the shape it takes: a two-person scene (<c>hug</c>, <c>kiss</c>, <c>heart_gesture</c>
/// and the official two-image scenes such as <c>hug_pro</c>) needs <see cref="KlingEffectInput.Images"/>, a
/// single-image scene (<c>fuzzyfuzzy</c>, <c>squish</c>, <c>expansion</c>) needs <see cref="KlingEffectInput.Image"/>.
/// The result's videos carry no <c>duration</c>.
/// </remarks>
[JsonConverter(typeof(KlingTaskRequestJsonConverter<EffectsRequest>))]
public sealed record EffectsRequest : KlingTaskRequest
{
    /// <summary>The effect (<c>effect_scene</c>), required; e.g. <see cref="KlingEffectScene.Squish"/> or <see cref="KlingEffectScene.Hug"/>.</summary>
    [JsonPropertyName("effect_scene")]
    public KlingEffectScene? EffectScene { get; set; }

    /// <summary>What the effect is applied to (<c>input</c>), required: one image or two people, never both.</summary>
    [JsonPropertyName("input")]
    public KlingEffectInput? Input { get; set; }

    /// <summary>Your own id for the task, unique within your account (<c>external_task_id</c>).</summary>
    [JsonPropertyName("external_task_id")]
    public string? ExternalTaskId { get; set; }

    /// <inheritdoc/>
    internal override Kinds.KlingTaskDefinition Definition => Kinds.Effects.EffectsDefinition.Instance;
}
