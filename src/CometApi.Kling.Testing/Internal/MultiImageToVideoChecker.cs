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
        if (Array.Find(FrameInputs, input => Get(body, input) is not null) is { } frameInput)
        {
            return $"invalid {frameInput}: multi-image2video takes its images in image_list as [{{\"image\": ...}}]; send single-image requests to videos/image2video";
        }

        string? prompt = null;
        var duration = DefaultDuration;
        var problem = CheckImageList(body, settings)
            ?? CheckRequiredText(body, "prompt", settings.MaxPromptLength, "prompt is required: multi-image2video makes the video from the images and the prompt", out prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out _)
            ?? CheckChoice(body, "model_name", settings.ModelNames.Contains, "is not a known model", out _)
            ?? CheckChoice(body, "mode", Modes.Contains, "must be std or pro", out _)
            ?? CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _)
            ?? CheckDuration(body, settings, out duration)
            ?? CheckFraction(body, "cfg_scale");
        return problem ?? Accept(body, duration, prompt, out fields);
    }

    private static string? CheckImageList(JsonElement body, EmulatorSettings settings)
    {
        if (Get(body, "image_list") is not { } list)
        {
            return $"image_list is required: {MinImages} to {MaxImages} items {{\"image\": <public URL or raw base64>}}";
        }

        if (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() is < MinImages or > MaxImages)
        {
            return $"invalid image_list: {list.GetArrayLength()} images, must be {MinImages} to {MaxImages}";
        }

        return CheckObjects(list, "image_list", "an array of {\"image\": string}", "an object {\"image\": string}", (item, field) => CheckRequiredImage(item, "image", field, settings));
    }
}
