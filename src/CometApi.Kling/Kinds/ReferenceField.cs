namespace CometApi.Kling.Kinds;

/// <summary>A field whose value is an object, a string or a list: set when the getter returns one.</summary>
internal sealed class ReferenceField<T, TValue> : WireField<T, TValue>
    where TValue : class
{
    private readonly Func<T, TValue?> _get;

    public ReferenceField(string name, Func<T, TValue?> get, IWireValue<TValue> shape)
        : base(name, shape) => _get = get;

    protected override bool TryGet(T owner, out TValue value) => (value = _get(owner)!) is not null;
}
