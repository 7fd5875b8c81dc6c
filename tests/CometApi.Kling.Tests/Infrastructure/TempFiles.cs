namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>A private temporary folder for one test class, deleted with everything in it.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kling-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(byte[] data, string name = "")
    {
        var path = Path.Combine(Folder, (name.Length == 0 ? Guid.NewGuid().ToString("N") : name) + ".bin");
        File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
