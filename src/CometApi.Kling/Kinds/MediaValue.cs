using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// An image or audio (<see cref="KlingImage"/>, <see cref="KlingAudio"/>): a URL is written whole in its absolute form;
/// local data is left to the caller, which streams it as raw base64 (never with a <c>data:</c> prefix).
/// </summary>
internal sealed class MediaValue<TMedia> : IWireValue<TMedia>
    where TMedia : class, ILocalMedia
{
    public static MediaValue<TMedia> Instance { get; } = new();

    public bool MayHoldMedia => true;

    public bool HasLocalMedia(TMedia value) => value.Source is not null;

    public void Write(Utf8JsonWriter writer, TMedia value) => writer.WriteStringValue(value.Url!.AbsoluteUri);

    public IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TMedia value) => [value.Source!];

    public IEnumerable<ILocalMedia> LocalMedia(TMedia value) => [value];

    public void ReleaseAfterCall(TMedia value) => value.Source?.ReleaseAfterCall();
}
