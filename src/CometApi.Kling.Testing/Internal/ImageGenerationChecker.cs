using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/images/generations</c> (docs/kling-catalogue.md section 4.1): the prompt
/// makes 1 to 9 images, optionally from a reference image; each image counts as one running task.
/// </summary>
internal static class ImageGenerationChecker
{
    /// <summary>CometAPI's seven and the official 21:9: the wider list, so a client using either host's limits gets through.</summary>
    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"];

    /// <summary>The image models of the official pages, old and current, beside the video models the settings list.</summary>
    private static readonly string[] ImageModels = ["kling-v1", "kling-v1-5", "kling-v2", "kling-v2-new", "kling-v2-1", "kling-v3"];

    private static readonly string[] ImageReferences = ["subject", "face"];
    private static readonly string[] Resolutions = ["1k", "2k"];
    private const int MaxCount = 9;
    private const int MaxReferences = 10;

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        var image = Get(body, "image");

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? prompt = null;
        string? negativePrompt = null;
        string? reference = null;
        var elements = 0;
        var count = 1;
        var problem = CheckRequiredText(body, "prompt", settings.MaxPromptLength, "prompt is required: the images are made from it", out prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out negativePrompt)
            ?? (negativePrompt is not null && image is not null ? "invalid negative_prompt: not supported in image-to-image (with image)" : null)
            ?? CheckChoice(body, "model_name", model => settings.ModelNames.Contains(model) || ImageModels.Contains(model), "is not a known model", out _)
            ?? CheckImage("image", image, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckChoice(body, "image_reference", ImageReferences.Contains, "must be subject or face", out reference)
            ?? (reference is not null && image is null ? "invalid image_reference: image is required with image_reference" : null)
            ?? CheckFraction(body, "image_fidelity")
            ?? CheckFraction(body, "human_fidelity")
            ?? (Get(body, "human_fidelity") is not null && reference != "subject" ? "invalid human_fidelity: only with image_reference subject" : null)
            ?? CheckElementList(body, out elements)
            ?? CheckReferences(elements + (image is not null ? 1 : 0))
            ?? CheckChoice(body, "resolution", Resolutions.Contains, "must be 1k or 2k", out _)
            ?? CheckCount(body, out count)
            ?? CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _);
        return problem ?? Accept(body, DefaultDuration, prompt, out fields, count);
    }

    /// <summary><c>n</c> is a JSON integer from 1 to 9 (a string "3" is the classic wire mistake).</summary>
    private static string? CheckCount(JsonElement body, out int count)
    {
        count = 1;
        if (Get(body, "n") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
        {
            return $"invalid n: must be an integer from 1 to {MaxCount}, got {value.GetRawText()}";
        }

        if (n is < 1 or > MaxCount)
        {
            return FormattableString.Invariant($"invalid n: {n} is outside [1, {MaxCount}]");
        }

        count = n;
        return null;
    }

    private static string? CheckReferences(int total) => total > MaxReferences
        ? FormattableString.Invariant($"invalid element_list: {total} elements and reference images, at most {MaxReferences}")
        : null;
}
