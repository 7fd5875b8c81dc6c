using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/omni-video</c> (docs/kling-catalogue.md section 3.9): a prompt
/// with optional images (references, first and end frames), elements and at most one reference video, with Kling's
/// counting and frame rules.
/// </summary>
internal static class OmniVideoChecker
{
    private const int MaxPromptLength = 2500;
    private const int MaxReferences = 7;
    private const int MaxReferencesWithVideo = 4;
    private const string O1 = "kling-video-o1";
    private const string V3Omni = "kling-v3-omni";

    private static readonly string[] Models = [O1, V3Omni];
    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];
    private static readonly string[] ImageTypes = ["first_frame", "end_frame"];
    private static readonly string[] ReferTypes = ["feature", "base"];
    private static readonly string[] YesNo = ["yes", "no"];

    /// <summary>Kling O1 makes 3 to 10 s; kling-v3-omni 3 to 15 s (changelog 2026-06-17).</summary>
    private static readonly string[] O1Durations = ["3", "4", "5", "6", "7", "8", "9", "10"];
    private static readonly string[] V3OmniDurations = [.. O1Durations, "11", "12", "13", "14", "15"];

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? model = null;
        string? prompt = null;
        var inputs = new Inputs();
        var duration = DefaultDuration;
        string? sound = null;
        var problem = CheckChoice(body, "model_name", Models.Contains, "is not an omni-video model (kling-video-o1, kling-v3-omni)", out model)
            ?? CheckText(body, "prompt", MaxPromptLength, out prompt)
            ?? CheckPromptGiven(body, prompt)
            ?? CheckImages(body, settings, inputs)
            ?? CheckElementList(body, out inputs.Elements)
            ?? CheckVideos(body, inputs)
            ?? CheckInputs(inputs)
            ?? CheckMode(body, fourKModel: V3Omni)
            ?? CheckAspectRatio(body, inputs)
            ?? CheckOmniDuration(body, model, inputs, out duration)
            ?? CheckMultiShot(body, prompt, duration, hasImageTail: false)
            ?? CheckChoice(body, "sound", Sounds.Contains, "must be on or off", out sound)
            ?? (inputs.Videos > 0 && sound is "on" ? "invalid sound: must be off with video_list" : null);

        // A base video's own length replaces duration; the emulator's MP4 stands in for it.
        return problem ?? Accept(body, duration, prompt, out fields);
    }

    private static string? CheckPromptGiven(JsonElement body, string? prompt)
    {
        if (!string.IsNullOrWhiteSpace(prompt) || Get(body, "multi_shot")?.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        return prompt is null ? "prompt is required: omni-video generates from the prompt" : "invalid prompt: empty";
    }

    private static string? CheckImages(JsonElement body, EmulatorSettings settings, Inputs inputs)
    {
        const string Shape = "{\"image_url\": string, \"type\"?: string}";
        return Get(body, "image_list") is not { } list ? null : CheckObjects(list, "image_list", "an array of " + Shape, "an object " + Shape, (item, field) =>
        {
            if (CheckRequiredImage(item, "image_url", field, settings) is { } problem)
            {
                return problem;
            }

            if (CheckChoice(item, "type", ImageTypes.Contains, "must be first_frame or end_frame (omit it for a reference image)", out var type) is { } typeProblem)
            {
                return typeProblem.Replace("invalid type", $"invalid {field}.type", StringComparison.Ordinal);
            }

            inputs.Images++;
            inputs.FirstFrames += type == "first_frame" ? 1 : 0;
            inputs.EndFrames += type == "end_frame" ? 1 : 0;
            return null;
        });
    }

    private static string? CheckVideos(JsonElement body, Inputs inputs)
    {
        if (Get(body, "video_list") is not { } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "invalid video_list: must be an array";
        }

        if (list.GetArrayLength() > 1)
        {
            return $"invalid video_list: {list.GetArrayLength()} videos, at most 1";
        }

        foreach (var video in list.EnumerateArray())
        {
            if (video.ValueKind != JsonValueKind.Object)
            {
                return "invalid video_list[0]: must be an object {\"video_url\": string, \"refer_type\": string, \"keep_original_sound\": string}";
            }

            if (Get(video, "video_url") is not { ValueKind: JsonValueKind.String } url
                || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address)
                || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                return "invalid video_list[0].video_url: required, a public http(s) URL of an MP4 or MOV video";
            }

            var problem = CheckChoice(video, "refer_type", ReferTypes.Contains, "must be feature or base", out var referType)
                ?? CheckChoice(video, "keep_original_sound", YesNo.Contains, "must be yes or no", out _);
            if (problem is not null)
            {
                return problem.Replace("invalid ", "invalid video_list[0].", StringComparison.Ordinal);
            }

            inputs.Videos++;
            inputs.BaseVideo |= referType == "base";
        }

        return null;
    }

    private static string? CheckInputs(Inputs inputs)
    {
        var max = inputs.Videos > 0 ? MaxReferencesWithVideo : MaxReferences;
        if (inputs.Images + inputs.Elements > max)
        {
            return $"invalid parameters: {inputs.Images} images and {inputs.Elements} elements, at most {max} together {(inputs.Videos > 0 ? "with" : "without")} a reference video";
        }

        if (inputs.FirstFrames > 1 || inputs.EndFrames > 1)
        {
            return "invalid image_list: at most one first_frame and one end_frame";
        }

        if (inputs.EndFrames > 0 && inputs.FirstFrames == 0)
        {
            return "invalid image_list: an end_frame needs a first_frame; an end frame alone is not supported";
        }

        return inputs.BaseVideo && inputs.FirstFrames + inputs.EndFrames > 0
            ? "invalid parameters: a first or end frame cannot be combined with a base video (refer_type base)"
            : null;
    }

    private static string? CheckAspectRatio(JsonElement body, Inputs inputs)
    {
        if (Get(body, "aspect_ratio") is null)
        {
            return inputs.FirstFrames > 0 || inputs.BaseVideo ? null : "aspect_ratio is required when neither a first frame nor a base video sets the frame";
        }

        return CheckChoice(body, "aspect_ratio", AspectRatios.Contains, "is not one of " + string.Join(", ", AspectRatios), out _);
    }

    private static string? CheckOmniDuration(JsonElement body, string? model, Inputs inputs, out string duration)
    {
        var allowed = model == V3Omni ? V3OmniDurations : O1Durations;
        var problem = CheckDuration(body, "duration", allowed, $"\"{allowed[0]}\" to \"{allowed[^1]}\"", out duration);
        if (problem is not null || Get(body, "duration") is null)
        {
            return problem;
        }

        // Kling O1 makes only 5 or 10 s from text alone or from a first frame alone.
        var alone = inputs.Elements == 0 && inputs.Videos == 0 && (inputs.Images == 0 || (inputs.Images == 1 && inputs.FirstFrames == 1));
        return model != V3Omni && alone && duration is not ("5" or "10")
            ? $"invalid duration: '{duration}' needs a reference image, element or video; from text or a first frame alone only \"5\" or \"10\""
            : null;
    }

    /// <summary>What a body's input lists hold, counted as they are checked.</summary>
    private sealed class Inputs
    {
        public int Images;
        public int FirstFrames;
        public int EndFrames;
        public int Elements;
        public int Videos;
        public bool BaseVideo;
    }
}
