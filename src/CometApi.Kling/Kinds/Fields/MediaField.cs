using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// One image or audio (<see cref="KlingImage"/>, <see cref="KlingAudio"/>): a URL is written whole as its absolute
/// form; local data is written as the name only and its source handed to the caller, which streams the value as raw
/// base64 (never with a <c>data:</c> prefix).
/// </summary>
internal sealed class MediaField<T, TMedia> : WireField<T>
    where T : class
    where TMedia : class, ILocalMedia
{
    private readonly Func<T, TMedia?> _get;

    public MediaField(string name, Func<T, TMedia?> get)
        : base(name) => _get = get;

    public override bool MayHoldMedia => true;

    public override bool IsSet(T owner) => _get(owner) is not null;

    public override bool HasLocalMedia(T owner) => _get(owner)?.Source is not null;

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is { Url: { } url })
        {
            writer.WriteString(EncodedName, url.AbsoluteUri);
        }
    }

    public override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner)
    {
        var source = _get(owner)!.Source!;
        writer.WritePropertyName(EncodedName);
        return [source];
    }

    public override IEnumerable<ILocalMedia> LocalMedia(T owner) => [_get(owner)!];

    public override void ReleaseAfterCall(T owner) => _get(owner)?.Source?.ReleaseAfterCall();
}
