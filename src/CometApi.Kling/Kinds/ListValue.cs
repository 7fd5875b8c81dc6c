using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// An array whose items share one shape (images, objects, points…). A null item (refused by validation) is written as
/// <c>null</c>. Lists are walked by index: an enumerator would be an allocation on every create.
/// </summary>
internal sealed class ListValue<TItem> : IWireValue<IReadOnlyList<TItem?>>
{
    private readonly IWireValue<TItem> _item;

    public ListValue(IWireValue<TItem> item) => _item = item;

    public bool MayHoldMedia => _item.MayHoldMedia;

    public bool HasLocalMedia(IReadOnlyList<TItem?> value)
    {
        for (var i = 0; MayHoldMedia && i < value.Count; i++)
        {
            if (value[i] is { } item && _item.HasLocalMedia(item))
            {
                return true;
            }
        }

        return false;
    }

    public void Write(Utf8JsonWriter writer, IReadOnlyList<TItem?> value)
    {
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            if (value[i] is { } item)
            {
                _item.Write(writer, item);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    public IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, IReadOnlyList<TItem?> value)
    {
        writer.WriteStartArray();
        foreach (var entry in value)
        {
            if (entry is not { } item)
            {
                writer.WriteNullValue();
            }
            else if (!_item.HasLocalMedia(item))
            {
                _item.Write(writer, item);
            }
            else
            {
                foreach (var source in _item.WriteParts(writer, item))
                {
                    yield return source;
                }
            }
        }

        writer.WriteEndArray();
    }

    public IEnumerable<ILocalMedia> LocalMedia(IReadOnlyList<TItem?> value)
    {
        foreach (var entry in value)
        {
            if (entry is { } item && _item.HasLocalMedia(item))
            {
                foreach (var media in _item.LocalMedia(item))
                {
                    yield return media;
                }
            }
        }
    }

    public void ReleaseAfterCall(IReadOnlyList<TItem?> value)
    {
        for (var i = 0; MayHoldMedia && i < value.Count; i++)
        {
            if (value[i] is { } item)
            {
                _item.ReleaseAfterCall(item);
            }
        }
    }
}
