using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.EffectsRequest>;

namespace CometApi.Kling.Kinds.Effects;

/// <summary>Video effects (<c>videos/effects</c>): its wire fields and rules (kling-catalogue §3.5).</summary>
internal sealed class EffectsDefinition() : KlingTaskDefinition<EffectsRequest>(
    KlingTaskKind.Effects,
    "video-effects",
    [
        Choice("effect_scene", static r => r.EffectScene),
        Object("input", static r => r.Input, Input),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ])
{
    /// <summary>
    /// The two-person scenes the sources name: CometAPI's <c>hug</c>, <c>kiss</c>, <c>heart_gesture</c> (also the older
    /// official page's two-person list) and the 15 two-image scenes of the current official list. Given one image, the
    /// service refuses them; compared as sent, like every other value.
    /// </summary>
    internal static readonly HashSet<string> TwoImageScenes = new(StringComparer.Ordinal)
    {
        "hug", "kiss", "heart_gesture",
        "pet_skateboard", "daily_ootd", "toss_run", "switch_to_silk", "studio_look", "french_elegance", "finger_swipe",
        "smooth_transition", "kiss_pro", "snow_night_kiss", "eternal_kiss", "cheers_2026", "fight_pro", "hug_pro", "heart_gesture_pro",
    };

    /// <summary>The single-image scenes CometAPI (and the older official page) names; given two images, the service refuses them.</summary>
    internal static readonly HashSet<string> SingleImageScenes = new(StringComparer.Ordinal) { "fuzzyfuzzy", "squish", "expansion" };

    /// <summary>The documented <c>input.duration</c> values of this route (CometAPI and the older official page); the newer official page has no duration.</summary>
    internal static readonly string[] Durations = ["5", "10"];

    /// <summary>Kling's fixed count for <c>input.images</c>: the left and the right person.</summary>
    internal const int TwoPeople = 2;

    /// <summary>What the effect is applied to: one image or two people, and the video's settings.</summary>
    private static readonly WireObject<KlingEffectInput> Input = new(
    [
        Wire<KlingEffectInput>.Choice("model_name", static input => input.ModelName),
        Wire<KlingEffectInput>.Choice("mode", static input => input.Mode),
        Wire<KlingEffectInput>.Image("image", static input => input.Image),
        Wire<KlingEffectInput>.Images("images", static input => input.Images),
        Wire<KlingEffectInput>.Choice("duration", static input => input.Duration),
    ]);

    public static EffectsDefinition Instance { get; } = new();

    protected override void Validate(EffectsRequest request, RequestRules rules)
    {
        var scene = request.EffectScene?.ToString();
        rules.Require(
            scene,
            "effect_scene",
            "effect_scene is required: name the effect, e.g. \"squish\" (one image) or \"hug\" (two people).",
            "effect_scene is empty or blank; name the effect, e.g. \"squish\" (one image) or \"hug\" (two people).");

        if (request.Input is not { } input)
        {
            rules.Add("input", "input is required: set Input.Image for a single-image scene or Input.Images (two people) for a two-person scene.");
        }
        else
        {
            CheckInput(input, scene, rules);
        }
    }

    private static void CheckInput(KlingEffectInput input, string? scene, RequestRules rules)
    {
        var (image, images) = (input.Image, input.Images);
        if (image is null && images is null)
        {
            rules.Add("input", "input.image or input.images is required: one image for a single-image scene, two for a two-person scene.");
        }
        else if (image is not null && images is not null)
        {
            rules.Add("input.images", "input.image cannot be combined with input.images: a scene takes one image or two people, not both; remove one of them.");
        }

        // A scene the sources name has a known shape: the other shape is a refusal the service would give anyway. An
        // unknown scene is the service's to judge (its list changes), so either shape is sent.
        if (scene is not null && image is not null && images is null && TwoImageScenes.Contains(scene))
        {
            rules.Add("input.image", Invariant($"effect_scene \"{scene}\" is a two-person scene: set input.images to exactly {TwoPeople} images (left person first) instead of input.image."));
        }

        if (scene is not null && images is not null && image is null && SingleImageScenes.Contains(scene))
        {
            rules.Add("input.images", $"effect_scene \"{scene}\" is a single-image scene: set input.image to one image instead of input.images.");
        }

        rules.Inspect(image, "input.image", checkAspectRatio: true);
        if (images is not null)
        {
            if (images.Count != TwoPeople)
            {
                rules.Add("input.images", Invariant($"input.images has {images.Count} {(images.Count == 1 ? "image" : "images")}; Kling takes exactly {TwoPeople}: the left person, then the right."));
            }

            for (var i = 0; i < images.Count; i++)
            {
                if (rules.Item(images, i, "input.images", "image", out var person, out var path))
                {
                    rules.Inspect(person, path, checkAspectRatio: true);
                }
            }
        }

        if (input.Duration is { } duration && !Durations.Contains(duration.ToString()))
        {
            rules.Add("input.duration", $"input.duration \"{duration}\" is not accepted; video effects take \"5\" or \"10\".");
        }

        rules.CheckMode(input.Mode, "input.mode", input.ModelName, fourKModel: null);
    }
}
