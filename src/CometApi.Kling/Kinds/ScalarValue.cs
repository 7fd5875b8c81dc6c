using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>A value without media (a string, a URL, a number, a flag), written by one JSON writer call.</summary>
internal sealed class ScalarValue<TValue> : IWireValue<TValue>
{
    private readonly Action<Utf8JsonWriter, TValue> _write;

    public ScalarValue(Action<Utf8JsonWriter, TValue> write) => _write = write;

    public bool MayHoldMedia => false;

    public bool HasLocalMedia(TValue value) => false;

    public void Write(Utf8JsonWriter writer, TValue value) => _write(writer, value);

    public IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TValue value) => [];

    public IEnumerable<ILocalMedia> LocalMedia(TValue value) => [];

    public void ReleaseAfterCall(TValue value)
    {
    }
}
