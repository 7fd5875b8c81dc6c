using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>An object that may hold media (e.g. a video effect's <c>input</c>), written by its own <see cref="WireObject{T}"/>.</summary>
internal sealed class ObjectField<T, TValue> : WireField<T>
    where T : class
    where TValue : class
{
    private readonly Func<T, TValue?> _get;
    private readonly WireObject<TValue> _shape;

    public ObjectField(string name, Func<T, TValue?> get, WireObject<TValue> shape)
        : base(name)
    {
        _get = get;
        _shape = shape;
    }

    public override bool MayHoldMedia => _shape.MayHoldMedia;

    public override bool IsSet(T owner) => _get(owner) is not null;

    public override bool HasLocalMedia(T owner) => _get(owner) is { } value && _shape.HasLocalMedia(value);

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is { } value)
        {
            writer.WritePropertyName(EncodedName);
            _shape.WriteWhole(writer, value, externalTaskId: null);
        }
    }

    public override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner)
    {
        writer.WritePropertyName(EncodedName);
        return _shape.WriteParts(writer, _get(owner)!, externalTaskId: null);
    }

    public override IEnumerable<ILocalMedia> LocalMedia(T owner) => _shape.LocalMedia(_get(owner)!);

    public override void ReleaseAfterCall(T owner)
    {
        if (_get(owner) is { } value)
        {
            _shape.ReleaseAfterCall(value);
        }
    }
}
