using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// What a succeeded task of a kind yields: the files it serves under <c>/emulator/{folder}/</c> (each named after the
/// task id, plus a <c>-watermark</c> copy when a watermark was asked for) and the <c>task_result</c> properties that
/// point at them. Every file is genuine media a player opens (Resources/README.md says how each was made).
/// </summary>
internal sealed class ResultMedia
{
    public const string UrlPrefix = "/emulator/";
    public const string WatermarkSuffix = "-watermark";

    private static readonly Lazy<byte[]> Mp4 = Resource("emulator-video.mp4");
    private static readonly Lazy<byte[]> Png = Resource("emulator-image.png");
    private static readonly Lazy<byte[]> Jpeg = Resource("emulator-image.jpg");
    private static readonly Lazy<byte[]> Mp3 = Resource("emulator-audio.mp3");
    private static readonly Lazy<byte[]> Wav = Resource("emulator-audio.wav");

    private readonly Func<EmulatedTask, IEnumerable<ResultFile>> _files;
    private readonly Action<Utf8JsonWriter, EmulatedTask, Uri> _writeResult;

    private ResultMedia(IReadOnlyList<string> folders, Func<EmulatedTask, IEnumerable<ResultFile>> files, Action<Utf8JsonWriter, EmulatedTask, Uri> writeResult)
    {
        Folders = folders;
        _files = files;
        _writeResult = writeResult;
    }

    /// <summary>Every video kind's result: the embedded 5 s MP4, reported as <c>task_result.videos[]</c> with its duration.</summary>
    public static ResultMedia Mp4Video { get; } = new(["videos"], VideoFiles, (writer, task, baseAddress) => WriteVideos(writer, task, baseAddress, withDuration: true));

    /// <summary>The effects kind's result: the MP4 as <c>videos[]</c> without <c>duration</c>, as Kling reports effects (kling-catalogue §2).</summary>
    public static ResultMedia Mp4VideoWithoutDuration { get; } = new(["videos"], VideoFiles, (writer, task, baseAddress) => WriteVideos(writer, task, baseAddress, withDuration: false));

    /// <summary>An image generation's result: <see cref="EmulatedTask.Count"/> PNGs as <c>task_result.images[]</c> (index 0…n−1).</summary>
    public static ResultMedia PngImages { get; } = new(["images"], task => ImageFiles(task, ".png", "image/png", Png.Value), (writer, task, baseAddress) => WriteImages(writer, task, baseAddress, ".png"));

    /// <summary>A virtual try-on's result: one JPEG as <c>task_result.images[]</c>.</summary>
    public static ResultMedia JpegImages { get; } = new(["images"], task => ImageFiles(task, ".jpg", "image/jpeg", Jpeg.Value), (writer, task, baseAddress) => WriteImages(writer, task, baseAddress, ".jpg"));

    /// <summary>An audio kind's result: one sound as <c>task_result.audios[]</c>, in MP3 (<c>url_mp3</c>) and WAV (<c>url_wav</c>).</summary>
    public static ResultMedia Audio { get; } = new(["audios"], AudioFiles, WriteAudios);

    /// <summary>Video to audio's result: the video with its new sound (<c>videos[]</c>) and the sound alone (<c>audios[]</c>).</summary>
    public static ResultMedia VideoAndAudio { get; } = new(
        ["videos", "audios"],
        task => VideoFiles(task).Concat(AudioFiles(task)),
        (writer, task, baseAddress) =>
        {
            WriteVideos(writer, task, baseAddress, withDuration: true);
            WriteAudios(writer, task, baseAddress);
        });

    /// <summary>The URL folders this media's files live in.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Every file the succeeded <paramref name="task"/> serves.</summary>
    public IEnumerable<ResultFile> FilesOf(EmulatedTask task) => _files(task);

    /// <summary>Writes the properties of <c>task_result</c> for a succeeded task (the caller writes the braces).</summary>
    public void WriteResult(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress) => _writeResult(writer, task, baseAddress);

    private static Uri Url(Uri baseAddress, string folder, string name) =>
        new(baseAddress, $"{UrlPrefix[1..]}{folder}/{Uri.EscapeDataString(name)}");

    private static IEnumerable<ResultFile> VideoFiles(EmulatedTask task) =>
        WithWatermark(task, "videos", task.TaskId, ".mp4", "video/mp4", Mp4.Value);

    private static IEnumerable<ResultFile> ImageFiles(EmulatedTask task, string extension, string contentType, byte[] content) =>
        Enumerable.Range(0, task.Count).SelectMany(index => WithWatermark(task, "images", ImageStem(task, index), extension, contentType, content));

    private static IEnumerable<ResultFile> AudioFiles(EmulatedTask task) =>
    [
        new("audios", task.TaskId + ".mp3", "audio/mpeg", Mp3.Value),
        new("audios", task.TaskId + ".wav", "audio/wav", Wav.Value),
    ];

    private static IEnumerable<ResultFile> WithWatermark(EmulatedTask task, string folder, string stem, string extension, string contentType, byte[] content)
    {
        yield return new(folder, stem + extension, contentType, content);
        if (task.Watermark == true)
        {
            yield return new(folder, stem + WatermarkSuffix + extension, contentType, content);
        }
    }

    private static string ImageStem(EmulatedTask task, int index) => task.TaskId + "-" + index.ToString(CultureInfo.InvariantCulture);

    private static void WriteVideos(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress, bool withDuration)
    {
        writer.WriteStartArray("videos");
        writer.WriteStartObject();
        writer.WriteString("id", task.VideoId);
        writer.WriteString("url", Url(baseAddress, "videos", task.TaskId + ".mp4").AbsoluteUri);
        if (task.Watermark == true)
        {
            writer.WriteString("watermark_url", Url(baseAddress, "videos", task.TaskId + WatermarkSuffix + ".mp4").AbsoluteUri);
        }

        if (withDuration)
        {
            // Kling reports the measured length, a little over the requested one and never an integer type.
            writer.WriteString("duration", task.Duration + ".1");
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteImages(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress, string extension)
    {
        writer.WriteStartArray("images");
        for (var index = 0; index < task.Count; index++)
        {
            var stem = ImageStem(task, index);
            writer.WriteStartObject();
            writer.WriteNumber("index", index);
            writer.WriteString("url", Url(baseAddress, "images", stem + extension).AbsoluteUri);
            if (task.Watermark == true)
            {
                writer.WriteString("watermark_url", Url(baseAddress, "images", stem + WatermarkSuffix + extension).AbsoluteUri);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAudios(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress)
    {
        writer.WriteStartArray("audios");
        writer.WriteStartObject();
        writer.WriteString("id", task.AudioId);
        writer.WriteString("url_mp3", Url(baseAddress, "audios", task.TaskId + ".mp3").AbsoluteUri);
        writer.WriteString("url_wav", Url(baseAddress, "audios", task.TaskId + ".wav").AbsoluteUri);

        // Strings, as Kling writes every duration; the embedded sound lasts 5 s whatever was asked.
        writer.WriteString("duration_mp3", "5.04");
        writer.WriteString("duration_wav", "5.0");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static Lazy<byte[]> Resource(string file) => new(() =>
    {
        var resourceName = "CometApi.Kling.Testing." + file;
        using var stream = typeof(ResultMedia).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The emulator's resource {resourceName} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });
}
