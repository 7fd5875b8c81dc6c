using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.Effects;

/// <summary>Video effects (<c>videos/effects</c>): its rules and body writer (kling-catalogue §3.5).</summary>
internal sealed class EffectsDefinition : KlingTaskDefinition<EffectsRequest>
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

    private EffectsDefinition()
        : base(KlingTaskKind.Effects, "video-effects")
    {
    }

    public static EffectsDefinition Instance { get; } = new();

    /// <summary>
    /// Writes the body up to each local image of <c>input</c>, whose source is yielded for the caller to write in place
    /// (streamed); URL images are written here.
    /// </summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, EffectsRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "effect_scene", request.EffectScene?.ToString());
        if (request.Input is { } input)
        {
            writer.WriteStartObject("input");
            WriteString(writer, "model_name", input.ModelName?.ToString());
            WriteString(writer, "mode", input.Mode?.ToString());
            if (WriteImage(writer, "image", input.Image) is { } imageSource)
            {
                yield return imageSource;
            }

            if (input.Images is { } images)
            {
                writer.WriteStartArray("images");
                foreach (var image in images)
                {
                    if (image is null)
                    {
                        // Refused by validation; JsonSerializer writes it as null rather than failing.
                        writer.WriteNullValue();
                    }
                    else if (ImageListWriter.WriteImageValue(writer, image) is { } source)
                    {
                        yield return source;
                    }
                }

                writer.WriteEndArray();
            }

            WriteString(writer, "duration", input.Duration?.ToString());
            writer.WriteEndObject();
        }

        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed top-level properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(EffectsRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("effect_scene", request.EffectScene is not null),
            ("input", request.Input is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(EffectsRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, EffectsRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(EffectsRequest request)
    {
        if (request.Input?.Image is { } image)
        {
            yield return image;
        }

        foreach (var person in request.Input?.Images ?? [])
        {
            if (person is not null)
            {
                yield return person;
            }
        }
    }

    /// <summary>Releases what the call owned for each local image; allocates nothing, as every create ends here.</summary>
    protected override void ReleaseAfterCall(EffectsRequest request)
    {
        if (request.Input is not { } input)
        {
            return;
        }

        input.Image?.Source?.ReleaseAfterCall();
        if (input.Images is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                images[i]?.Source?.ReleaseAfterCall();
            }
        }
    }

    protected override IReadOnlyList<KlingValidationError> Validate(EffectsRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        var scene = request.EffectScene?.ToString();
        if (string.IsNullOrWhiteSpace(scene))
        {
            add("effect_scene", scene is null
                ? "effect_scene is required: name the effect, e.g. \"squish\" (one image) or \"hug\" (two people)."
                : "effect_scene is empty or blank; name the effect, e.g. \"squish\" (one image) or \"hug\" (two people).");
        }

        if (request.Input is not { } input)
        {
            add("input", "input is required: set Input.Image for a single-image scene or Input.Images (two people) for a two-person scene.");
        }
        else
        {
            CheckInput(input, scene, rules, add, prepared);
        }

        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(EffectsRequest), add);
        return errors;
    }

    private static void CheckInput(KlingEffectInput input, string? scene, RequestRules rules, Action<string, string> add, PreparedRequest prepared)
    {
        var (image, images) = (input.Image, input.Images);
        if (image is null && images is null)
        {
            add("input", "input.image or input.images is required: one image for a single-image scene, two for a two-person scene.");
        }
        else if (image is not null && images is not null)
        {
            add("input.images", "input.image cannot be combined with input.images: a scene takes one image or two people, not both; remove one of them.");
        }

        // A scene the sources name has a known shape: the other shape is a refusal the service would give anyway. An
        // unknown scene is the service's to judge (its list changes), so either shape is sent.
        if (scene is not null && image is not null && images is null && TwoImageScenes.Contains(scene))
        {
            add("input.image", Invariant($"effect_scene \"{scene}\" is a two-person scene: set input.images to exactly {TwoPeople} images (left person first) instead of input.image."));
        }

        if (scene is not null && images is not null && image is null && SingleImageScenes.Contains(scene))
        {
            add("input.images", $"effect_scene \"{scene}\" is a single-image scene: set input.image to one image instead of input.images.");
        }

        rules.Inspect(image, "input.image", checkAspectRatio: true, add, prepared);
        if (images is not null)
        {
            if (images.Count != TwoPeople)
            {
                add("input.images", Invariant($"input.images has {images.Count} {(images.Count == 1 ? "image" : "images")}; Kling takes exactly {TwoPeople}: the left person, then the right."));
            }

            for (var i = 0; i < images.Count; i++)
            {
                var path = Invariant($"input.images[{i}]");
                if (images[i] is null)
                {
                    add(path, "the image is null.");
                    continue;
                }

                rules.Inspect(images[i], path, checkAspectRatio: true, add, prepared);
            }
        }

        if (input.Duration is { } duration && !Durations.Contains(duration.ToString()))
        {
            add("input.duration", $"input.duration \"{duration}\" is not accepted; video effects take \"5\" or \"10\".");
        }

        rules.CheckMode(input.Mode, "input.mode", input.ModelName, fourKModel: null, add);
    }
}
