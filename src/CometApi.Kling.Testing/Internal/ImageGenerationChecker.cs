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
        var count = 1;
        Uri? callbackUrl = null;
        string? externalTaskId = null;
        bool? watermark = null;
        var problem = CheckText(body, "prompt", settings.MaxPromptLength, out prompt)
            ?? (string.IsNullOrWhiteSpace(prompt) ? (prompt is null ? "prompt is required: the images are made from it" : "invalid prompt: empty") : null)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out negativePrompt)
            ?? (negativePrompt is not null && image is not null ? "invalid negative_prompt: not supported in image-to-image (with image)" : null)
            ?? CheckChoice(body, "model_name", model => settings.ModelNames.Contains(model) || ImageModels.Contains(model), "is not a known model", out _)
            ?? CheckImage("image", image, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckChoice(body, "image_reference", ImageReferences.Contains, "must be subject or face", out reference)
            ?? (reference is not null && image is null ? "invalid image_reference: image is required with image_reference" : null)
            ?? CheckFraction(body, "image_fidelity")
            ?? CheckFraction(body, "human_fidelity")
            ?? (Get(body, "human_fidelity") is not null && reference != "subject" ? "invalid human_fidelity: only with image_reference subject" : null)
            ?? CheckElements(body, image is not null ? 1 : 0)
            ?? CheckChoice(body, "resolution", Resolutions.Contains, "must be 1k or 2k", out _)
            ?? CheckCount(body, out count)
            ?? CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _)
            ?? CheckCallbackUrl(body, out callbackUrl)
            ?? CheckExternalTaskId(body, out externalTaskId)
            ?? CheckWatermark(body, out watermark);
        if (problem is not null)
        {
            return problem;
        }

        fields = new CreateFields(externalTaskId, callbackUrl, watermark, DefaultDuration, prompt, count);
        return null;
    }

    private static string? CheckFraction(JsonElement body, string field)
    {
        if (Get(body, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"invalid {field}: must be a number between 0 and 1";
        }

        var number = value.GetDouble();
        return number is >= 0 and <= 1 ? null : FormattableString.Invariant($"invalid {field}: {number} is outside [0, 1]");
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

    private static string? CheckElements(JsonElement body, int referenceImages)
    {
        if (Get(body, "element_list") is not { } elements)
        {
            return null;
        }

        if (elements.ValueKind != JsonValueKind.Array)
        {
            return "invalid element_list: must be an array";
        }

        foreach (var element in elements.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || Get(element, "element_id") is not { ValueKind: JsonValueKind.Number } id || !id.TryGetInt64(out _))
            {
                return "invalid element_list: every item must be {\"element_id\": integer}";
            }
        }

        var total = elements.GetArrayLength() + referenceImages;
        return total > MaxReferences
            ? FormattableString.Invariant($"invalid element_list: {total} elements and reference images, at most {MaxReferences}")
            : null;
    }
}
