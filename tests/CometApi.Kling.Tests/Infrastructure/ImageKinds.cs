namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>Every way to hand the SDK a local image.</summary>
public enum ImageKind
{
    Bytes,
    Base64,
    File,
    SeekableStream,
    NonSeekableStream,
}

internal static class ImageKinds
{
    public static KlingImage Make(ImageKind kind, byte[] data, TempFiles files) => kind switch
    {
        ImageKind.Bytes => KlingImage.FromBytes(data),
        ImageKind.Base64 => KlingImage.FromBase64(Convert.ToBase64String(data)),
        ImageKind.File => KlingImage.FromFile(files.Write(data)),
        ImageKind.SeekableStream => KlingImage.FromStream(new MemoryStream(data)),
        ImageKind.NonSeekableStream => KlingImage.FromStream(new NonSeekableStream(new MemoryStream(data))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
