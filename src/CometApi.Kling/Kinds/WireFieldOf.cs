using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>A field whose value, when set, is written by the value's <see cref="IWireValue{TValue}"/> after the field's name.</summary>
/// <typeparam name="T">The object the field belongs to.</typeparam>
/// <typeparam name="TValue">The field's value (not null once set).</typeparam>
internal abstract class WireField<T, TValue> : WireField<T>
{
    private readonly IWireValue<TValue> _shape;

    private protected WireField(string name, IWireValue<TValue> shape)
        : base(name) => _shape = shape;

    public sealed override bool MayHoldMedia => _shape.MayHoldMedia;

    public sealed override bool IsSet(T owner) => TryGet(owner, out _);

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (TryGet(owner, out var value))
        {
            writer.WritePropertyName(EncodedName);
            _shape.Write(writer, value);
        }
    }

    public sealed override bool HasLocalMedia(T owner) => _shape.MayHoldMedia && TryGet(owner, out var value) && _shape.HasLocalMedia(value);

    public sealed override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner)
    {
        TryGet(owner, out var value);
        writer.WritePropertyName(EncodedName);
        return _shape.WriteParts(writer, value);
    }

    public sealed override IEnumerable<ILocalMedia> LocalMedia(T owner) => TryGet(owner, out var value) ? _shape.LocalMedia(value) : [];

    public sealed override void ReleaseAfterCall(T owner)
    {
        if (_shape.MayHoldMedia && TryGet(owner, out var value))
        {
            _shape.ReleaseAfterCall(value);
        }
    }

    /// <summary>The owner's value of the field; false when it is not set.</summary>
    protected abstract bool TryGet(T owner, out TValue value);
}
