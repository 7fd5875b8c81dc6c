using System.Text.Json;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Writes an <see cref="ImageToVideoRequest"/> exactly as Kling documents it: snake_case names, unset fields omitted,
/// <c>duration</c> as a string, images as a URL or raw base64. The single authority for the create body.
/// </summary>
internal static class ImageToVideoRequestWriter
{
    public static void Write(Utf8JsonWriter writer, ImageToVideoRequest request)
    {
        writer.WriteStartObject();
        WriteImage(writer, "image", request.Image);
        WriteImage(writer, "image_tail", request.ImageTail);
        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        WriteString(writer, "model_name", request.ModelName?.ToString());
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteString(writer, "duration", request.Duration?.ToString());
        if (request.CfgScale is { } cfgScale)
        {
            writer.WriteNumber("cfg_scale", cfgScale);
        }

        WriteImage(writer, "static_mask", request.StaticMask);
        WriteDynamicMasks(writer, request.DynamicMasks);
        WriteCameraControl(writer, request.CameraControl);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", request.ExternalTaskId);
        WriteString(writer, "sound", request.Sound?.ToString());
        WriteVoices(writer, request.VoiceList);
        WriteElements(writer, request.ElementList);
        if (request.MultiShot is { } multiShot)
        {
            writer.WriteBoolean("multi_shot", multiShot);
        }

        WriteString(writer, "shot_type", request.ShotType?.ToString());
        WriteMultiPrompt(writer, request.MultiPrompt);
        if (request.WatermarkInfo is { } watermark)
        {
            writer.WriteStartObject("watermark_info");
            writer.WriteBoolean("enabled", watermark.Enabled);
            writer.WriteEndObject();
        }

        if (request.AdditionalProperties is { } additional)
        {
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

        writer.WriteEndObject();
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
            ("voice_list", request.VoiceList is not null),
            ("element_list", request.ElementList is not null),
            ("multi_shot", request.MultiShot is not null),
            ("shot_type", request.ShotType is not null),
            ("multi_prompt", request.MultiPrompt is not null),
            ("watermark_info", request.WatermarkInfo is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteImage(Utf8JsonWriter writer, string name, KlingImage? image)
    {
        if (image is null)
        {
            return;
        }

        // A URL is sent as its absolute form; inline images as raw base64 without any data: prefix.
        writer.WriteString(name, image.Url?.AbsoluteUri ?? image.Base64);
    }

    private static void WriteDynamicMasks(Utf8JsonWriter writer, IReadOnlyList<KlingDynamicMask>? masks)
    {
        if (masks is null)
        {
            return;
        }

        writer.WriteStartArray("dynamic_masks");
        foreach (var mask in masks)
        {
            writer.WriteStartObject();
            WriteImage(writer, "mask", mask.Mask);
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

    private static void WriteCameraControl(Utf8JsonWriter writer, KlingCameraControl? camera)
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

    private static void WriteVoices(Utf8JsonWriter writer, IReadOnlyList<KlingVoice>? voices)
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

    private static void WriteElements(Utf8JsonWriter writer, IReadOnlyList<KlingElement>? elements)
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

    private static void WriteMultiPrompt(Utf8JsonWriter writer, IReadOnlyList<KlingMultiPrompt>? shots)
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
