using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/effects</c> (docs/kling-catalogue.md section 3.5): a scene and its
/// <c>input</c>, which holds one image (<c>input.image</c>) or two people (<c>input.images</c>, exactly 2), never both.
/// Scenes the documentation names are held to their shape; any other scene is accepted, as the service's list changes.
/// </summary>
internal static class EffectsChecker
{
    private const int People = 2;

    /// <summary>CometAPI's two-person scenes and the official two-image ones: one image cannot make them.</summary>
    private static readonly HashSet<string> TwoPersonScenes = new(StringComparer.Ordinal)
    {
        "hug", "kiss", "heart_gesture", "kiss_pro", "hug_pro", "heart_gesture_pro", "fight_pro", "snow_night_kiss", "eternal_kiss",
        "cheers_2026", "pet_skateboard", "daily_ootd", "toss_run", "switch_to_silk", "studio_look", "french_elegance", "finger_swipe",
        "smooth_transition",
    };

    /// <summary>CometAPI's single-image scenes.</summary>
    private static readonly HashSet<string> SingleImageScenes = new(StringComparer.Ordinal) { "fuzzyfuzzy", "squish", "expansion" };

    private static readonly string[] Durations = ["5", "10"];

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        var duration = DefaultDuration;
        var problem = CheckScene(body, out var scene)
            ?? CheckInput(body, scene!, settings, out duration);
        return problem ?? Accept(body, duration, prompt: null, out fields, takesWatermark: false);
    }

    private static string? CheckScene(JsonElement body, out string? scene)
    {
        return CheckRequiredText(body, "effect_scene", int.MaxValue, "effect_scene is required: the name of the effect, e.g. squish or hug", out scene);
    }

    private static string? CheckInput(JsonElement body, string scene, EmulatorSettings settings, out string duration)
    {
        duration = DefaultDuration;
        if (Get(body, "input") is not { } input)
        {
            return "input is required: {\"image\": ...} for a single-image scene, {\"images\": [left, right]} for a two-person scene";
        }

        if (input.ValueKind != JsonValueKind.Object)
        {
            return "invalid input: must be an object";
        }

        var image = Get(input, "image");
        var images = Get(input, "images");
        var problem = (image, images) switch
        {
            (null, null) => "invalid input: image or images is required",
            ({ }, { }) => "invalid input: image and images are mutually exclusive, send one of them",
            ({ }, null) when TwoPersonScenes.Contains(scene) => $"invalid input.image: effect_scene {scene} is a two-person scene, send input.images with {People} images",
            (null, { }) when SingleImageScenes.Contains(scene) => $"invalid input.images: effect_scene {scene} is a single-image scene, send input.image",
            _ => null,
        };
        problem ??= CheckImage("input.image", image, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckPeople(images, settings)
            ?? CheckDuration(input, "input.duration", Durations, "\"5\", \"10\"", out duration)
            ?? InInput(CheckChoice(input, "mode", Modes.Contains, "must be std or pro", out _))
            ?? InInput(CheckChoice(input, "model_name", settings.ModelNames.Contains, "is not a known model", out _));
        return problem;
    }

    /// <summary>A shared check's "invalid mode: ..." as the field inside input is named: "invalid input.mode: ...".</summary>
    private static string? InInput(string? problem) => problem is null ? null : "invalid input." + problem["invalid ".Length..];

    private static string? CheckPeople(JsonElement? value, EmulatorSettings settings)
    {
        if (value is not { } images)
        {
            return null;
        }

        if (images.ValueKind != JsonValueKind.Array)
        {
            return "invalid input.images: must be an array of 2 images";
        }

        var count = images.GetArrayLength();
        if (count != People)
        {
            return $"invalid input.images: {count} images, must be exactly {People} (the left person, then the right)";
        }

        var index = 0;
        foreach (var image in images.EnumerateArray())
        {
            if (CheckImage($"input.images[{index++}]", image, settings, isFrame: true, checkAspectRatio: true) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

}
