using System.Text.Json;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// A field whose value is an object or a string: set when the getter returns one, written as its name and then the
/// value by <c>write</c>. Text, URLs and the small nested values (camera control, voices, watermark…) are this.
/// </summary>
internal sealed class ValueField<T, TValue> : WireField<T>
    where T : class
    where TValue : class
{
    private readonly Func<T, TValue?> _get;
    private readonly Action<Utf8JsonWriter, TValue> _write;

    public ValueField(string name, Func<T, TValue?> get, Action<Utf8JsonWriter, TValue> write)
        : base(name)
    {
        _get = get;
        _write = write;
    }

    /// <summary>The owner's value of the field.</summary>
    public TValue? Value(T owner) => _get(owner);

    public override bool IsSet(T owner) => _get(owner) is not null;

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is { } value)
        {
            writer.WritePropertyName(EncodedName);
            _write(writer, value);
        }
    }
}
