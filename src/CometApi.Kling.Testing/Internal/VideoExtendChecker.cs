using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/video-extend</c> (docs/kling-catalogue.md section 3.3): the video
/// to continue (<c>video_id</c>) is required; CometAPI's newer page also takes the parent's <c>task_id</c>. The route
/// lists no <c>external_task_id</c> and no <c>watermark_info</c>: like any field it does not know, they are ignored, so
/// a task made here cannot be found by an external id.
/// </summary>
internal static class VideoExtendChecker
{
    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? prompt = null;
        var problem = CheckId(body, "task_id", required: false)
            ?? CheckId(body, "video_id", required: true)
            ?? CheckText(body, "prompt", settings.MaxPromptLength, out prompt)
            ?? CheckText(body, "negative_prompt", settings.MaxNegativePromptLength, out _)
            ?? CheckFraction(body, "cfg_scale");

        // Each extension adds about 4 to 5 seconds (the official page); the result reports the usual "5.1".
        return problem ?? Accept(body, DefaultDuration, prompt, out fields, takesExternalTaskId: false, takesWatermark: false);
    }

    /// <summary>
    /// Writes <c>parent_video</c>, the video the task continues. The emulator does not track which task made a video, so
    /// it reports the id it was given; Kling also reports that video's <c>url</c> and <c>duration</c>.
    /// </summary>
    public static void WriteParentVideo(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress)
    {
        if (Get(task.Request, "video_id") is { ValueKind: JsonValueKind.String } videoId)
        {
            writer.WriteStartObject("parent_video");
            writer.WriteString("id", videoId.GetString());
            writer.WriteEndObject();
        }
    }

    private static string? CheckId(JsonElement body, string field, bool required)
    {
        if (Get(body, field) is not { } value)
        {
            return required ? $"{field} is required: the id of the video to extend, from task_result.videos[].id of a succeeded task" : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            // Kling's ids are long numbers: a client that sends one as a JSON number loses digits.
            return $"invalid {field}: must be a string";
        }

        return string.IsNullOrWhiteSpace(value.GetString()) ? $"invalid {field}: empty" : null;
    }
}
