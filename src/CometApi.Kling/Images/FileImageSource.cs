using System.Text.Json;

namespace CometApi.Kling.Images;

/// <summary>An image file, opened for each read and closed after it, so the same image can be sent again.</summary>
internal sealed class FileImageSource(string path) : StreamBackedImageSource
{
    public string Path => path;

    public override string Description => $"file '{path}'";

    public override Task<ImageLength> PrepareAsync(long maxBytes, bool useAsync, CancellationToken cancellationToken)
    {
        // Opening (rather than FileInfo.Length) also proves the file can be read.
        using var stream = Open();
        MeasuredLength = stream.Length;
        return Task.FromResult(new ImageLength(stream.Length, IsLowerBound: false));
    }

    protected override Stream OpenData(out long length, out bool ownsStream)
    {
        var stream = Open();
        length = stream.Length;
        ownsStream = true;
        return stream;
    }

    // bufferSize 1 = no FileStream buffer: reads are already chunk-sized.
    private FileStream Open() =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
