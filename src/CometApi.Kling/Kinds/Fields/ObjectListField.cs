using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// An array of objects that may hold media (e.g. <c>image_list</c>, <c>face_choose</c>), each written by the item's
/// <see cref="WireObject{T}"/>; a null item (refused by validation) is written as <c>null</c>.
/// </summary>
internal sealed class ObjectListField<T, TItem> : WireField<T>
    where T : class
    where TItem : class
{
    private readonly Func<T, IReadOnlyList<TItem?>?> _get;
    private readonly WireObject<TItem> _shape;

    public ObjectListField(string name, Func<T, IReadOnlyList<TItem?>?> get, WireObject<TItem> shape)
        : base(name)
    {
        _get = get;
        _shape = shape;
    }

    public override bool MayHoldMedia => _shape.MayHoldMedia;

    public override bool IsSet(T owner) => _get(owner) is not null;

    public override bool HasLocalMedia(T owner)
    {
        if (_get(owner) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item && _shape.HasLocalMedia(item))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is not { } items)
        {
            return;
        }

        writer.WriteStartArray(EncodedName);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                _shape.WriteWhole(writer, item, externalTaskId: null);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    public override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner)
    {
        writer.WriteStartArray(EncodedName);
        foreach (var item in _get(owner)!)
        {
            if (item is null)
            {
                writer.WriteNullValue();
                continue;
            }

            foreach (var source in _shape.WriteParts(writer, item, externalTaskId: null))
            {
                yield return source;
            }
        }

        writer.WriteEndArray();
    }

    public override IEnumerable<ILocalMedia> LocalMedia(T owner)
    {
        foreach (var item in _get(owner)!)
        {
            if (item is not null && _shape.HasLocalMedia(item))
            {
                foreach (var media in _shape.LocalMedia(item))
                {
                    yield return media;
                }
            }
        }
    }

    public override void ReleaseAfterCall(T owner)
    {
        if (_get(owner) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item)
                {
                    _shape.ReleaseAfterCall(item);
                }
            }
        }
    }
}
