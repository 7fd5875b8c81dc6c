using System.Text.Json;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// A field whose value is a nullable struct (a number, a flag, an extensible string such as <see cref="KlingMode"/>):
/// set when it has a value, written as its name and then the value by <c>write</c>.
/// </summary>
internal sealed class StructField<T, TValue> : WireField<T>
    where T : class
    where TValue : struct
{
    private readonly Func<T, TValue?> _get;
    private readonly Action<Utf8JsonWriter, TValue> _write;

    public StructField(string name, Func<T, TValue?> get, Action<Utf8JsonWriter, TValue> write)
        : base(name)
    {
        _get = get;
        _write = write;
    }

    public override bool IsSet(T owner) => _get(owner).HasValue;

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if (_get(owner) is { } value)
        {
            writer.WritePropertyName(EncodedName);
            _write(writer, value);
        }
    }
}
