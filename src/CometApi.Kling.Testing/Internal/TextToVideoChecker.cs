using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/text2video</c> (docs/kling-catalogue.md section 3.1): the prompt
/// is the only input, <c>aspect_ratio</c> chooses the frame, and the shared fields follow the same rules as on
/// image2video.
/// </summary>
internal static class TextToVideoChecker
{
    /// <summary>CometAPI's list; official Kling documents only the first three, so the wider list lets CometAPI users through.</summary>
    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3"];

    /// <summary>image2video's inputs. A body that carries one was meant for that route, and making a video without its image would hide the mistake.</summary>
    private static readonly string[] ImageInputs = ["image", "image_tail", "static_mask", "dynamic_masks"];

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        if (Array.Find(ImageInputs, input => Get(body, input) is not null) is { } imageInput)
        {
            return $"invalid {imageInput}: text2video takes no image; send image-to-video requests to videos/image2video";
        }

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? prompt = null;
        var duration = DefaultDuration;
        string? sound = null;
        var problem = CheckText(body, "prompt", settings.MaxPromptLength, out prompt)
            ?? CheckPromptGiven(body, prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out _)
            ?? CheckChoice(body, "model_name", settings.ModelNames.Contains, "is not a known model", out _)
            ?? CheckMode(body, fourKModel: "kling-v3")
            ?? CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _)
            ?? CheckDuration(body, settings, out duration)
            ?? CheckFraction(body, "cfg_scale")
            ?? CheckCameraControl(body)
            ?? CheckChoice(body, "sound", Sounds.Contains, "must be on or off", out sound)
            ?? CheckVoicesAndElements(body, prompt, sound)
            ?? CheckMultiShot(body, prompt, duration, hasImageTail: false);
        return problem ?? Accept(body, duration, prompt, out fields);
    }

    /// <summary>
    /// The prompt is what the video is made from. The official text lets it be empty only for a customized multi-shot
    /// video, whose shots carry their own prompts (multi_prompt, checked by <see cref="FieldChecks.CheckMultiShot"/>).
    /// </summary>
    private static string? CheckPromptGiven(JsonElement body, string? prompt)
    {
        if (!string.IsNullOrWhiteSpace(prompt)
            || (Get(body, "multi_shot")?.ValueKind == JsonValueKind.True && Get(body, "shot_type") is { ValueKind: JsonValueKind.String } shotType && shotType.GetString() == "customize"))
        {
            return null;
        }

        return prompt is null
            ? "prompt is required: text2video makes the video from the prompt alone"
            : "invalid prompt: empty; text2video makes the video from the prompt alone";
    }
}
