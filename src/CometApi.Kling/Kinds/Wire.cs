namespace CometApi.Kling.Kinds;

/// <summary>
/// The field declarations a <see cref="WireObject{T}"/> of <typeparamref name="T"/> is made of, one line a field:
/// <c>Text("prompt", static r =&gt; r.Prompt)</c>. A kind imports them with <c>using static</c>. Every value is written
/// the way Kling documents it: strings and extensible strings (<see cref="KlingMode"/>, <see cref="KlingDuration"/>…) as
/// JSON strings, URLs in their absolute form, numbers and flags as JSON numbers and booleans, unset fields omitted.
/// </summary>
/// <typeparam name="T">The object the fields belong to.</typeparam>
internal static class Wire<T>
{
    /// <summary><c>callback_url</c>: <see cref="KlingTaskRequest.CallbackUrl"/>, which every kind has (its place in the body is the kind's).</summary>
    public static WireField<T> CallbackUrl { get; } = Url("callback_url", static owner => owner is KlingTaskRequest request ? request.CallbackUrl : null);

    /// <summary>A string.</summary>
    public static WireField<T> Text(string name, Func<T, string?> get) => new ReferenceField<T, string>(name, get, WireValues.Text);

    /// <summary>An extensible string, written as its wire value.</summary>
    public static WireField<T> Choice<TValue>(string name, Func<T, TValue?> get)
        where TValue : struct =>
        new NullableField<T, TValue>(name, get, WireValues.Choice<TValue>.Value);

    /// <summary>An absolute URL.</summary>
    public static WireField<T> Url(string name, Func<T, Uri?> get) => new ReferenceField<T, Uri>(name, get, WireValues.Url);

    /// <summary>A number.</summary>
    public static WireField<T> Number(string name, Func<T, double?> get) => new NullableField<T, double>(name, get, WireValues.Number);

    /// <summary>A whole number.</summary>
    public static WireField<T> Integer(string name, Func<T, long?> get) => new NullableField<T, long>(name, get, WireValues.Integer);

    /// <summary>A time as Kling's whole milliseconds (validation refuses a fraction of one).</summary>
    public static WireField<T> Milliseconds(string name, Func<T, TimeSpan?> get) => new NullableField<T, TimeSpan>(name, get, WireValues.Milliseconds);

    /// <summary>A time as seconds, a JSON number (a value a few ticks off a tenth of a second is written as that tenth).</summary>
    public static WireField<T> Seconds(string name, Func<T, TimeSpan?> get) => new NullableField<T, TimeSpan>(name, get, WireValues.Seconds);

    /// <summary>A boolean.</summary>
    public static WireField<T> Flag(string name, Func<T, bool?> get) => new NullableField<T, bool>(name, get, WireValues.Flag);

    /// <summary>An image: a URL, or local data streamed as raw base64.</summary>
    public static WireField<T> Image(string name, Func<T, KlingImage?> get) => new ReferenceField<T, KlingImage>(name, get, MediaValue<KlingImage>.Instance);

    /// <summary>An audio file: a URL, or local data streamed as raw base64.</summary>
    public static WireField<T> Audio(string name, Func<T, KlingAudio?> get) => new ReferenceField<T, KlingAudio>(name, get, MediaValue<KlingAudio>.Instance);

    /// <summary>An object, written by its own shape.</summary>
    public static WireField<T> Object<TValue>(string name, Func<T, TValue?> get, IWireValue<TValue> shape)
        where TValue : class =>
        new ReferenceField<T, TValue>(name, get, shape);

    /// <summary>An array whose items share <paramref name="item"/>'s shape.</summary>
    public static WireField<T> List<TItem>(string name, Func<T, IReadOnlyList<TItem?>?> get, IWireValue<TItem> item) =>
        new ReferenceField<T, IReadOnlyList<TItem?>>(name, get, new ListValue<TItem>(item));

    /// <summary>An array of images as bare values.</summary>
    public static WireField<T> Images(string name, Func<T, IReadOnlyList<KlingImage?>?> get) => List(name, get, MediaValue<KlingImage>.Instance);

    /// <summary><c>external_task_id</c>, for a kind whose route takes it.</summary>
    public static WireField<T> ExternalTaskId(Func<T, string?> get) => new ExternalTaskIdField<T>(get);
}
