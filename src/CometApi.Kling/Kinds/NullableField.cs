namespace CometApi.Kling.Kinds;

/// <summary>A field whose value is a nullable struct (a number, a flag, an extensible string such as <see cref="KlingMode"/>).</summary>
internal sealed class NullableField<T, TValue> : WireField<T, TValue>
    where TValue : struct
{
    private readonly Func<T, TValue?> _get;

    public NullableField(string name, Func<T, TValue?> get, IWireValue<TValue> shape)
        : base(name, shape) => _get = get;

    protected override bool TryGet(T owner, out TValue value)
    {
        var found = _get(owner);
        value = found.GetValueOrDefault();
        return found.HasValue;
    }
}
