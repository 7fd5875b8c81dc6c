using System.Text.Json;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// The values without media that several kinds send (camera control, voices, elements, shots, watermark, trajectories),
/// each written once here in Kling's documented shape; the field that holds one writes its name. Lists are walked by
/// index: an enumerator would be an allocation on every create.
/// </summary>
internal static class WireValues
{
    /// <summary>The axes of <c>camera_control.config</c> in wire order, for the writer and the validator alike.</summary>
    public static readonly (string Name, Func<KlingCameraConfig, double?> Get)[] CameraAxes =
    [
        ("horizontal", static config => config.Horizontal),
        ("vertical", static config => config.Vertical),
        ("pan", static config => config.Pan),
        ("tilt", static config => config.Tilt),
        ("roll", static config => config.Roll),
        ("zoom", static config => config.Zoom),
    ];

    /// <summary><c>{"type": …, "config": {one number per set axis}}</c>.</summary>
    public static void CameraControl(Utf8JsonWriter writer, KlingCameraControl camera)
    {
        writer.WriteStartObject();
        writer.WriteString("type", camera.Type.ToString());
        if (camera.Config is { } config)
        {
            writer.WriteStartObject("config");
            foreach (var (name, get) in CameraAxes)
            {
                if (get(config) is { } value)
                {
                    writer.WriteNumber(name, value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary><c>[{"voice_id": …}, …]</c>.</summary>
    public static void Voices(Utf8JsonWriter writer, IReadOnlyList<KlingVoice> voices)
    {
        writer.WriteStartArray();
        for (var i = 0; i < voices.Count; i++)
        {
            var voice = voices[i];
            writer.WriteStartObject();
            writer.WriteString("voice_id", voice.VoiceId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>[{"element_id": …}, …]</c>.</summary>
    public static void Elements(Utf8JsonWriter writer, IReadOnlyList<KlingElement> elements)
    {
        writer.WriteStartArray();
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            writer.WriteStartObject();
            writer.WriteNumber("element_id", element.ElementId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>[{"index": …, "prompt": …, "duration": "…"}, …]</c>, the shots of a multi-shot video.</summary>
    public static void Shots(Utf8JsonWriter writer, IReadOnlyList<KlingMultiPrompt> shots)
    {
        writer.WriteStartArray();
        for (var i = 0; i < shots.Count; i++)
        {
            var shot = shots[i];
            writer.WriteStartObject();
            writer.WriteNumber("index", shot.Index);
            writer.WriteString("prompt", shot.Prompt);
            writer.WriteString("duration", shot.Duration.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>{"enabled": …}</c>.</summary>
    public static void Watermark(Utf8JsonWriter writer, KlingWatermarkInfo watermark)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("enabled", watermark.Enabled);
        writer.WriteEndObject();
    }

    /// <summary><c>[{"x": …, "y": …}, …]</c>, a motion-brush path.</summary>
    public static void Trajectories(Utf8JsonWriter writer, IReadOnlyList<KlingTrajectoryPoint> points)
    {
        writer.WriteStartArray();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            writer.WriteStartObject();
            writer.WriteNumber("x", point.X);
            writer.WriteNumber("y", point.Y);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
