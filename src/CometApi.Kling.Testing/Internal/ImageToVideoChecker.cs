using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/image2video</c> (docs/kling-api.md sections 1.2 to 1.4 and 5.1):
/// an image is required, and the image-only inputs (masks, end frame) come with their own rules.
/// </summary>
internal static class ImageToVideoChecker
{
    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        var image = Get(body, "image");
        var imageTail = Get(body, "image_tail");
        if (image is null && imageTail is null)
        {
            return "image is required: send image (or image_tail) as a public URL or raw base64";
        }

        string? prompt = null;
        var duration = DefaultDuration;
        string? sound = null;
        var problem = CheckImage("image", image, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckImage("image_tail", imageTail, settings, isFrame: true, checkAspectRatio: false)
            ?? CheckText(body, "prompt", settings.MaxPromptLength, out prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out _)
            ?? CheckChoice(body, "model_name", settings.ModelNames.Contains, "is not a known model", out _)
            ?? CheckMode(body, fourKModel: "kling-v3")
            ?? CheckDuration(body, settings, out duration)
            ?? CheckFraction(body, "cfg_scale")
            ?? CheckImage("static_mask", Get(body, "static_mask"), settings, isFrame: false, checkAspectRatio: false)
            ?? CheckDynamicMasks(body, settings)
            ?? CheckCameraControl(body)
            ?? CheckExclusions(body, imageTail is not null)
            ?? CheckChoice(body, "sound", Sounds.Contains, "must be on or off", out sound)
            ?? CheckVoicesAndElements(body, prompt, sound)
            ?? CheckMultiShot(body, prompt, duration, imageTail is not null);
        return problem ?? Accept(body, duration, prompt, out fields);
    }

    private static string? CheckExclusions(JsonElement body, bool hasImageTail)
    {
        var used = new List<string>(3);
        if (hasImageTail)
        {
            used.Add("image_tail");
        }

        if (Get(body, "dynamic_masks") is not null || Get(body, "static_mask") is not null)
        {
            used.Add("dynamic_masks/static_mask");
        }

        if (Get(body, "camera_control") is not null)
        {
            used.Add("camera_control");
        }

        return used.Count > 1
            ? $"invalid parameters: image_tail, dynamic_masks/static_mask and camera_control are mutually exclusive, got {string.Join(" and ", used)}"
            : null;
    }
}
