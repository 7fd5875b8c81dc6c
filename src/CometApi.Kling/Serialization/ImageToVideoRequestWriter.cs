using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Writes an <see cref="ImageToVideoRequest"/> exactly as Kling documents it: snake_case names, unset fields omitted,
/// <c>duration</c> as a string, images as a URL or raw base64. The single authority for the create body.
/// </summary>
internal static class ImageToVideoRequestWriter
{
    /// <summary>
    /// Writes the request up to each local image, whose property name is written and whose source is then yielded: the
    /// caller writes its value (streamed, possibly asynchronously) before asking for the rest. URL images are written here.
    /// </summary>
    /// <param name="writer">Where the JSON goes.</param>
    /// <param name="request">The request.</param>
    /// <param name="externalTaskId">Written instead of <see cref="ImageToVideoRequest.ExternalTaskId"/> when set (the client's own id), so the request need not be copied.</param>
    public static IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, ImageToVideoRequest request, string? externalTaskId = null)
    {
        writer.WriteStartObject();
        if (WriteImage(writer, "image", request.Image) is { } imageSource)
        {
            yield return imageSource;
        }

        if (WriteImage(writer, "image_tail", request.ImageTail) is { } imageTailSource)
        {
            yield return imageTailSource;
        }

        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        WriteString(writer, "model_name", request.ModelName?.ToString());
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteString(writer, "duration", request.Duration?.ToString());
        if (request.CfgScale is { } cfgScale)
        {
            writer.WriteNumber("cfg_scale", cfgScale);
        }

        if (WriteImage(writer, "static_mask", request.StaticMask) is { } staticMaskSource)
        {
            yield return staticMaskSource;
        }

        if (request.DynamicMasks is { } dynamicMasks)
        {
            foreach (var image in WriteDynamicMasks(writer, dynamicMasks))
            {
                yield return image;
            }
        }

        WriteCameraControl(writer, request.CameraControl);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteString(writer, "sound", request.Sound?.ToString());
        WriteVoices(writer, request.Voices);
        WriteElements(writer, request.Elements);
        WriteMultiShot(writer, request.MultiShot, request.ShotType, request.Shots);
        WriteWatermark(writer, request.WatermarkInfo);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>multi_shot</c>, <c>shot_type</c> and <c>multi_prompt</c>, each when set, in that order (every video kind with shots).</summary>
    internal static void WriteMultiShot(Utf8JsonWriter writer, bool? multiShot, KlingShotType? shotType, IReadOnlyList<KlingShot>? shots)
    {
        if (multiShot is { } value)
        {
            writer.WriteBoolean("multi_shot", value);
        }

        WriteString(writer, "shot_type", shotType?.ToString());
        WriteShots(writer, shots);
    }

    /// <summary>Writes <c>watermark_info</c> when set.</summary>
    internal static void WriteWatermark(Utf8JsonWriter writer, KlingWatermarkInfo? watermark)
    {
        if (watermark is not null)
        {
            writer.WriteStartObject("watermark_info");
            writer.WriteBoolean("enabled", watermark.Enabled);
            writer.WriteEndObject();
        }
    }

    /// <summary>Writes the extra fields as they are (the validator made sure none repeats a typed property).</summary>
    internal static void WriteAdditionalProperties(Utf8JsonWriter writer, IDictionary<string, System.Text.Json.Nodes.JsonNode?>? additional)
    {
        if (additional is null)
        {
            return;
        }

        foreach (var pair in additional)
        {
            writer.WritePropertyName(pair.Key);
            if (pair.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                pair.Value.WriteTo(writer);
            }
        }
    }

    /// <summary>Releases what the call owned for each local image (temporary copies, streams); allocates nothing, as every create ends here.</summary>
    public static void ReleaseImagesAfterCall(ImageToVideoRequest request)
    {
        request.Image?.Source?.ReleaseAfterCall();
        request.ImageTail?.Source?.ReleaseAfterCall();
        request.StaticMask?.Source?.ReleaseAfterCall();
        if (request.DynamicMasks is { } masks)
        {
            for (var i = 0; i < masks.Count; i++)
            {
                masks[i]?.Mask?.Source?.ReleaseAfterCall();
            }
        }
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(ImageToVideoRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("image", request.Image is not null),
            ("image_tail", request.ImageTail is not null),
            ("prompt", request.Prompt is not null),
            ("negative_prompt", request.NegativePrompt is not null),
            ("model_name", request.ModelName is not null),
            ("mode", request.Mode is not null),
            ("duration", request.Duration is not null),
            ("cfg_scale", request.CfgScale is not null),
            ("static_mask", request.StaticMask is not null),
            ("dynamic_masks", request.DynamicMasks is not null),
            ("camera_control", request.CameraControl is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
            ("sound", request.Sound is not null),
            ("voice_list", request.Voices is not null),
            ("element_list", request.Elements is not null),
            ("multi_shot", request.MultiShot is not null),
            ("shot_type", request.ShotType is not null),
            ("multi_prompt", request.Shots is not null),
            ("watermark_info", request.WatermarkInfo is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    internal static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a URL image whole; for a local image writes its name and returns its source for the caller to write.</summary>
    internal static ImageSource? WriteImage(Utf8JsonWriter writer, string name, KlingImage? image)
    {
        if (image is null)
        {
            return null;
        }

        // A URL is sent as its absolute form; inline images as raw base64 (never with a data: prefix), written by the caller.
        if (image.Source is { } source)
        {
            writer.WritePropertyName(name);
            return source;
        }

        writer.WriteString(name, image.Url!.AbsoluteUri);
        return null;
    }

    private static IEnumerable<ImageSource> WriteDynamicMasks(Utf8JsonWriter writer, IReadOnlyList<KlingDynamicMask> masks)
    {
        writer.WriteStartArray("dynamic_masks");
        foreach (var mask in masks)
        {
            writer.WriteStartObject();
            if (WriteImage(writer, "mask", mask.Mask) is { } source)
            {
                yield return source;
            }

            writer.WriteStartArray("trajectories");
            foreach (var point in mask.Trajectories)
            {
                writer.WriteStartObject();
                writer.WriteNumber("x", point.X);
                writer.WriteNumber("y", point.Y);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void WriteCameraControl(Utf8JsonWriter writer, KlingCameraControl? camera)
    {
        if (camera is null)
        {
            return;
        }

        writer.WriteStartObject("camera_control");
        writer.WriteString("type", camera.Type.ToString());
        if (camera.Config is { } config)
        {
            writer.WriteStartObject("config");
            WriteNumber(writer, "horizontal", config.Horizontal);
            WriteNumber(writer, "vertical", config.Vertical);
            WriteNumber(writer, "pan", config.Pan);
            WriteNumber(writer, "tilt", config.Tilt);
            WriteNumber(writer, "roll", config.Roll);
            WriteNumber(writer, "zoom", config.Zoom);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    internal static void WriteVoices(Utf8JsonWriter writer, IReadOnlyList<KlingVoice>? voices)
    {
        if (voices is null)
        {
            return;
        }

        writer.WriteStartArray("voice_list");
        foreach (var voice in voices)
        {
            writer.WriteStartObject();
            writer.WriteString("voice_id", voice.VoiceId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void WriteElements(Utf8JsonWriter writer, IReadOnlyList<KlingElement>? elements)
    {
        if (elements is null)
        {
            return;
        }

        writer.WriteStartArray("element_list");
        foreach (var element in elements)
        {
            writer.WriteStartObject();
            writer.WriteNumber("element_id", element.ElementId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void WriteShots(Utf8JsonWriter writer, IReadOnlyList<KlingShot>? shots)
    {
        if (shots is null)
        {
            return;
        }

        writer.WriteStartArray("multi_prompt");
        foreach (var shot in shots)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", shot.Index);
            writer.WriteString("prompt", shot.Prompt);
            writer.WriteString("duration", shot.Duration.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
