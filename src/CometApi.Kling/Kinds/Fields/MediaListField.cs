using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// An array of images as bare values (e.g. the two people of a video effect): a URL item written whole, a local one's
/// source yielded at its place in the array, a null item (refused by validation) written as <c>null</c>.
/// </summary>
internal sealed class MediaListField<T> : WireField<T>
    where T : class
{
    private readonly Func<T, IReadOnlyList<KlingImage?>?> _get;

    public MediaListField(string name, Func<T, IReadOnlyList<KlingImage?>?> get)
        : base(name) => _get = get;

    public override bool MayHoldMedia => true;

    public override bool IsSet(T owner) => _get(owner) is not null;

    public override bool HasLocalMedia(T owner)
    {
        if (_get(owner) is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                if (images[i]?.Source is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is not { } images)
        {
            return;
        }

        writer.WriteStartArray(EncodedName);
        for (var i = 0; i < images.Count; i++)
        {
            WriteUrl(writer, images[i]);
        }

        writer.WriteEndArray();
    }

    public override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner)
    {
        var images = _get(owner)!;
        writer.WriteStartArray(EncodedName);
        foreach (var image in images)
        {
            if (image?.Source is { } source)
            {
                yield return source;
            }
            else
            {
                WriteUrl(writer, image);
            }
        }

        writer.WriteEndArray();
    }

    public override IEnumerable<ILocalMedia> LocalMedia(T owner)
    {
        foreach (var image in _get(owner)!)
        {
            if (image?.Source is not null)
            {
                yield return image;
            }
        }
    }

    public override void ReleaseAfterCall(T owner)
    {
        if (_get(owner) is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                images[i]?.Source?.ReleaseAfterCall();
            }
        }
    }

    private static void WriteUrl(Utf8JsonWriter writer, KlingImage? image)
    {
        if (image?.Url is { } url)
        {
            writer.WriteStringValue(url.AbsoluteUri);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
