using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// A JSON object the SDK sends, as its fields in wire order (and, for a request or a lip-sync face, the user's extra
/// fields after them): the one declaration the body writer, the "extra fields may not repeat a typed one" guard and
/// the media bookkeeping (staging, release) are derived from. Built once per type; writing allocates nothing unless
/// the object holds local data to stream.
/// </summary>
/// <typeparam name="T">The object's type.</typeparam>
internal sealed class WireObject<T> : IWireValue<T>
{
    private readonly WireField<T>[] _fields;
    private readonly Func<T, IDictionary<string, JsonNode?>?>? _additional;

    /// <param name="fields">The fields in the order Kling documents them (the body's order).</param>
    /// <param name="additional">The object's extra fields, written as they are after the typed ones; null when it has none.</param>
    public WireObject(WireField<T>[] fields, Func<T, IDictionary<string, JsonNode?>?>? additional = null)
    {
        _fields = fields;
        _additional = additional;
        MayHoldMedia = Array.Exists(fields, field => field.MayHoldMedia);
    }

    /// <summary>The fields in wire order.</summary>
    public IReadOnlyList<WireField<T>> Fields => _fields;

    /// <summary>Whether any field can hold an image or audio.</summary>
    public bool MayHoldMedia { get; }

    /// <summary>The extra fields of <paramref name="value"/>, if the object takes any.</summary>
    public IDictionary<string, JsonNode?>? Additional(T value) => _additional?.Invoke(value);

    /// <summary>Whether <paramref name="value"/> holds local data to stream.</summary>
    public bool HasLocalMedia(T value)
    {
        if (MayHoldMedia)
        {
            foreach (var field in _fields)
            {
                if (field.HasLocalMedia(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the object up to each local medium, whose name is written and whose source is yielded for the caller to
    /// write in place (streamed); URL media are written here. Without local data the object is written at once and
    /// nothing is yielded (no enumerator is allocated).
    /// </summary>
    /// <param name="writer">Where the JSON goes.</param>
    /// <param name="value">The object.</param>
    /// <param name="externalTaskId">Written as <c>external_task_id</c> instead of the request's own, when set.</param>
    public IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, T value, string? externalTaskId)
    {
        if (HasLocalMedia(value))
        {
            return WriteInParts(writer, value, externalTaskId);
        }

        WriteWhole(writer, value, externalTaskId);
        return [];
    }

    /// <inheritdoc/>
    public void Write(Utf8JsonWriter writer, T value) => WriteWhole(writer, value, externalTaskId: null);

    /// <inheritdoc/>
    IEnumerable<ImageSource> IWireValue<T>.WriteParts(Utf8JsonWriter writer, T value) => WriteParts(writer, value, externalTaskId: null);

    /// <summary>Writes an object that holds no local data.</summary>
    public void WriteWhole(Utf8JsonWriter writer, T value, string? externalTaskId)
    {
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            field.Write(writer, value, externalTaskId);
        }

        WriteAdditional(writer, value);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the fields <paramref name="value"/> sets, in wire order.</summary>
    public IEnumerable<string> SetNames(T value)
    {
        foreach (var field in _fields)
        {
            if (field.IsSet(value))
            {
                yield return field.Name;
            }
        }
    }

    /// <summary>The local media of <paramref name="value"/>, in wire order (only asked when <see cref="HasLocalMedia"/> is true).</summary>
    public IEnumerable<ILocalMedia> LocalMedia(T value)
    {
        foreach (var field in _fields)
        {
            if (field.HasLocalMedia(value))
            {
                foreach (var media in field.LocalMedia(value))
                {
                    yield return media;
                }
            }
        }
    }

    /// <summary>Releases what the call owned for each local medium; allocates nothing, as every create ends here.</summary>
    public void ReleaseAfterCall(T value)
    {
        if (!MayHoldMedia)
        {
            return;
        }

        foreach (var field in _fields)
        {
            field.ReleaseAfterCall(value);
        }
    }

    private IEnumerable<ImageSource> WriteInParts(Utf8JsonWriter writer, T value, string? externalTaskId)
    {
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            if (!field.HasLocalMedia(value))
            {
                field.Write(writer, value, externalTaskId);
                continue;
            }

            foreach (var source in field.WriteParts(writer, value))
            {
                yield return source;
            }
        }

        WriteAdditional(writer, value);
        writer.WriteEndObject();
    }

    /// <summary>Writes the extra fields as they are (the validator made sure none repeats a typed field that is set).</summary>
    private void WriteAdditional(Utf8JsonWriter writer, T value)
    {
        if (Additional(value) is not { } additional)
        {
            return;
        }

        foreach (var pair in additional)
        {
            writer.WritePropertyName(pair.Key);
            if (pair.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                pair.Value.WriteTo(writer);
            }
        }
    }
}
