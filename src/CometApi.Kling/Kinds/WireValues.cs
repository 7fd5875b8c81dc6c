using System.Text.Json;

namespace CometApi.Kling.Kinds;

/// <summary>
/// The value shapes every kind writes alike, each declared once: the scalars (strings, URLs, numbers, times, flags) and the
/// small objects several kinds send (camera control, voices, elements, shots, watermark, motion-brush paths).
/// </summary>
internal static class WireValues
{
    private const long TicksPerTenth = TimeSpan.TicksPerMillisecond * 100;

    // A time within this of a tenth of a second counts as one: TimeSpan.FromSeconds(7.3) may be a tick short of 7.3 s.
    private const long TenthToleranceTicks = 10;

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

    /// <summary>A JSON string.</summary>
    public static readonly ScalarValue<string> Text = new(static (writer, value) => writer.WriteStringValue(value));

    /// <summary>A URL in its absolute form.</summary>
    public static readonly ScalarValue<Uri> Url = new(static (writer, value) => writer.WriteStringValue(value.AbsoluteUri));

    /// <summary>A JSON number.</summary>
    public static readonly ScalarValue<double> Number = new(static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A whole JSON number.</summary>
    public static readonly ScalarValue<long> Integer = new(static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A time as whole milliseconds, a JSON number (the validator has refused a fraction of one).</summary>
    public static readonly ScalarValue<TimeSpan> Milliseconds = new(static (writer, value) => writer.WriteNumberValue(value.Ticks / TimeSpan.TicksPerMillisecond));

    /// <summary>
    /// A time as seconds, a JSON number (Kling's example sends 5, not "5"). A value that is a tenth up to a few ticks is
    /// written as that tenth, so 7.3 s goes out as 7.3 and not 7.2999999.
    /// </summary>
    public static readonly ScalarValue<TimeSpan> Seconds = new(
        static (writer, value) => writer.WriteNumberValue(Tenths(value) is { } tenths ? tenths / 10.0 : value.TotalSeconds));

    /// <summary>A JSON boolean.</summary>
    public static readonly ScalarValue<bool> Flag = new(static (writer, value) => writer.WriteBooleanValue(value));

    /// <summary><c>{"type": …, "config": {one number per set axis}}</c>; the type is always written.</summary>
    public static readonly WireObject<KlingCameraControl> CameraControl = new(
    [
        Wire<KlingCameraControl>.Choice<KlingCameraControlType>("type", static camera => camera.Type),
        Wire<KlingCameraControl>.Object(
            "config",
            static camera => camera.Config,
            new WireObject<KlingCameraConfig>(Array.ConvertAll(CameraAxes, axis => Wire<KlingCameraConfig>.Number(axis.Name, axis.Get)))),
    ]);

    /// <summary><c>[{"voice_id": …}, …]</c>.</summary>
    public static readonly WireObject<KlingVoice> Voice = new([Wire<KlingVoice>.Text("voice_id", static voice => voice.VoiceId)]);

    /// <summary><c>[{"element_id": …}, …]</c>.</summary>
    public static readonly WireObject<KlingElement> Element = new([Wire<KlingElement>.Integer("element_id", static element => element.ElementId)]);

    /// <summary>A shot of a multi-shot video: <c>{"index": …, "prompt": …, "duration": "…"}</c>.</summary>
    public static readonly WireObject<KlingShot> Shot = new(
    [
        Wire<KlingShot>.Integer("index", static shot => shot.Index),
        Wire<KlingShot>.Text("prompt", static shot => shot.Prompt),
        Wire<KlingShot>.Choice<KlingDuration>("duration", static shot => shot.Duration),
    ]);

    /// <summary><c>{"enabled": …}</c>.</summary>
    public static readonly WireObject<KlingWatermarkInfo> Watermark = new([Wire<KlingWatermarkInfo>.Flag("enabled", static watermark => watermark.Enabled)]);

    /// <summary>A point of a motion-brush path: <c>{"x": …, "y": …}</c>.</summary>
    public static readonly WireObject<KlingTrajectoryPoint> Point = new(
    [
        Wire<KlingTrajectoryPoint>.Integer("x", static point => point.X),
        Wire<KlingTrajectoryPoint>.Integer("y", static point => point.Y),
    ]);

    /// <summary>The time in tenths of a second when it is a whole number of them (up to a few ticks), else null.</summary>
    public static long? Tenths(TimeSpan time)
    {
        var tenths = (time.Ticks + (TicksPerTenth / 2)) / TicksPerTenth;
        return Math.Abs(time.Ticks - (tenths * TicksPerTenth)) <= TenthToleranceTicks ? tenths : null;
    }

    /// <summary>The wire value of an extensible string (its <c>ToString()</c>).</summary>
    /// <typeparam name="TValue">The extensible string type, e.g. <see cref="KlingMode"/>.</typeparam>
    public static class Choice<TValue>
        where TValue : struct
    {
        public static readonly ScalarValue<TValue> Value = new(static (writer, value) => writer.WriteStringValue(value.ToString()));
    }
}
