using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/multi-image2video</c> (docs/kling-catalogue.md section 3.2): 2 to 4
/// images in <c>image_list</c> (CometAPI's count; the official host also takes 1), each under the common image rule, and
/// a prompt; the shared fields follow the same rules as on text2video.
/// </summary>
internal static class MultiImageToVideoChecker
{
    private const int MinImages = 2;
    private const int MaxImages = 4;

    /// <summary>The official list; CometAPI's page does not list aspect_ratio for this route at all.</summary>
    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];

    /// <summary>image2video's frame inputs. A body that carries one was meant for that route; ignoring it would hide the mistake.</summary>
    private static readonly string[] FrameInputs = ["image", "image_tail"];

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        foreach (var input in FrameInputs)
        {
            if (Get(body, input) is not null)
            {
                return $"invalid {input}: multi-image2video takes its images in image_list as [{{\"image\": ...}}]; send single-image requests to videos/image2video";
            }
        }

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? prompt = null;
        var duration = DefaultDuration;
        Uri? callbackUrl = null;
        string? externalTaskId = null;
        bool? watermark = null;
        var problem = CheckImageList(body, settings)
            ?? CheckText(body, "prompt", settings.MaxPromptLength, out prompt)
            ?? CheckPromptGiven(prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out _)
            ?? CheckChoice(body, "model_name", settings.ModelNames.Contains, "is not a known model", out _)
            ?? CheckChoice(body, "mode", Modes.Contains, "must be std or pro", out _)
            ?? CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _)
            ?? CheckDuration(body, settings, out duration)
            ?? CheckCfgScale(body)
            ?? CheckCallbackUrl(body, out callbackUrl)
            ?? CheckExternalTaskId(body, out externalTaskId)
            ?? CheckWatermark(body, out watermark);
        if (problem is not null)
        {
            return problem;
        }

        fields = new CreateFields(externalTaskId, callbackUrl, watermark, duration, prompt);
        return null;
    }

    private static string? CheckImageList(JsonElement body, EmulatorSettings settings)
    {
        if (Get(body, "image_list") is not { } list)
        {
            return $"image_list is required: {MinImages} to {MaxImages} items {{\"image\": <public URL or raw base64>}}";
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "invalid image_list: must be an array of {\"image\": string}";
        }

        var count = list.GetArrayLength();
        if (count is < MinImages or > MaxImages)
        {
            return $"invalid image_list: {count} images, must be {MinImages} to {MaxImages}";
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"image_list[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"invalid {field}: must be an object {{\"image\": string}}";
            }

            if (Get(item, "image") is not { } image)
            {
                return $"invalid {field}.image: required";
            }

            if (CheckImage(field + ".image", image, settings, isFrame: true, checkAspectRatio: true) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckPromptGiven(string? prompt) => string.IsNullOrWhiteSpace(prompt)
        ? prompt is null ? "prompt is required: multi-image2video makes the video from the images and the prompt" : "invalid prompt: empty"
        : null;
}
