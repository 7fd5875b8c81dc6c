using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// One field of a JSON object the SDK sends (a request body or an object inside one), declared once: its wire name,
/// whether the owner sets it, and the shape of its value. The body writer, the extra-fields guard and the media
/// bookkeeping of a kind are all derived from its <see cref="WireObject{T}"/> of these, so a field is never listed twice.
/// </summary>
/// <typeparam name="T">The object the field belongs to.</typeparam>
internal abstract class WireField<T>
{
    private protected WireField(string name)
    {
        Name = name;
        EncodedName = JsonEncodedText.Encode(name);
    }

    /// <summary>The wire name, e.g. <c>negative_prompt</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the field can hold media (an image or an audio, at any depth); most fields cannot.</summary>
    public abstract bool MayHoldMedia { get; }

    /// <summary>The wire name, encoded once.</summary>
    protected JsonEncodedText EncodedName { get; }

    /// <summary>Whether the owner sets the field (it is then written, and extra fields may not repeat it).</summary>
    public abstract bool IsSet(T owner);

    /// <summary>
    /// Writes the field when it is set. Only called when <see cref="HasLocalMedia"/> is false: local data is written
    /// through <see cref="WriteParts"/>. <paramref name="externalTaskId"/> is for the <c>external_task_id</c> field only.
    /// </summary>
    public abstract void Write(Utf8JsonWriter writer, T owner, string? externalTaskId);

    /// <summary>Whether the field holds local data to stream (allocates nothing: it is asked on every create).</summary>
    public abstract bool HasLocalMedia(T owner);

    /// <summary>Writes a field that holds local data up to each local medium, yielding its source where its value goes.</summary>
    public abstract IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T owner);

    /// <summary>The local media the field holds (only asked when <see cref="HasLocalMedia"/> is true).</summary>
    public abstract IEnumerable<ILocalMedia> LocalMedia(T owner);

    /// <summary>Releases what the call owned for each local medium (temporary copies, streams); allocates nothing.</summary>
    public abstract void ReleaseAfterCall(T owner);
}
