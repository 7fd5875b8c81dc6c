using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// What a succeeded task of a kind yields: the file served under <c>/emulator/{Folder}/{task_id}{Extension}</c>
/// (and <c>{task_id}-watermark{Extension}</c> when a watermark was asked for) and the <c>task_result</c> properties
/// that point at it.
/// </summary>
internal sealed class ResultMedia
{
    public const string UrlPrefix = "/emulator/";
    public const string WatermarkSuffix = "-watermark";

    private readonly Lazy<byte[]> _content;
    private readonly Action<Utf8JsonWriter, EmulatedTask, Uri> _writeResult;

    private ResultMedia(string folder, string extension, string contentType, string resourceName, Action<Utf8JsonWriter, EmulatedTask, Uri> writeResult)
    {
        Folder = folder;
        Extension = extension;
        ContentType = contentType;
        _content = new Lazy<byte[]>(() => Load(resourceName));
        _writeResult = writeResult;
    }

    /// <summary>Every video kind's result: the embedded 5 s MP4, reported as <c>task_result.videos[]</c>.</summary>
    public static ResultMedia Mp4Video { get; } = new("videos", ".mp4", "video/mp4", "CometApi.Kling.Testing.emulator-video.mp4", WriteVideos);

    /// <summary>Video effects' result: the same MP4, reported in <c>task_result.videos[]</c> without <c>duration</c>, as Kling documents for that route.</summary>
    public static ResultMedia Mp4VideoWithoutDuration { get; } =
        new("videos", ".mp4", "video/mp4", "CometApi.Kling.Testing.emulator-video.mp4", WriteVideosWithoutDuration);

    public string Folder { get; }

    public string Extension { get; }

    public string ContentType { get; }

    public byte[] Content => _content.Value;

    /// <summary>Writes the properties of <c>task_result</c> for a succeeded task (the caller writes the braces).</summary>
    public void WriteResult(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress) => _writeResult(writer, task, baseAddress);

    public Uri Url(Uri baseAddress, string taskId, bool watermark) =>
        new(baseAddress, $"{UrlPrefix[1..]}{Folder}/{Uri.EscapeDataString(taskId)}{(watermark ? WatermarkSuffix : string.Empty)}{Extension}");

    private static void WriteVideos(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress)
    {
        var media = task.Kind.Media;
        writer.WriteStartArray("videos");
        writer.WriteStartObject();
        writer.WriteString("id", task.VideoId);
        writer.WriteString("url", media.Url(baseAddress, task.TaskId, watermark: false).AbsoluteUri);
        if (task.Watermark == true)
        {
            writer.WriteString("watermark_url", media.Url(baseAddress, task.TaskId, watermark: true).AbsoluteUri);
        }

        // Kling reports the measured length, a little over the requested one and never an integer type.
        writer.WriteString("duration", task.Duration + ".1");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteVideosWithoutDuration(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress)
    {
        var media = task.Kind.Media;
        writer.WriteStartArray("videos");
        writer.WriteStartObject();
        writer.WriteString("id", task.VideoId);
        writer.WriteString("url", media.Url(baseAddress, task.TaskId, watermark: false).AbsoluteUri);
        if (task.Watermark == true)
        {
            writer.WriteString("watermark_url", media.Url(baseAddress, task.TaskId, watermark: true).AbsoluteUri);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static byte[] Load(string resourceName)
    {
        using var stream = typeof(ResultMedia).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The emulator's resource {resourceName} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
