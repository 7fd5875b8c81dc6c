using System.Text.Json;

namespace CometApi.Kling.Kinds.Fields;

/// <summary>
/// The field declarations a <see cref="WireObject{T}"/> of <typeparamref name="T"/> is made of, one line a field:
/// <c>Text("prompt", static r =&gt; r.Prompt)</c>. A kind imports them with <c>using static</c>. Every value is written
/// the way Kling documents it: strings and extensible strings (<see cref="KlingMode"/>, <see cref="KlingDuration"/>…) as
/// JSON strings, URLs in their absolute form, numbers and flags as JSON numbers and booleans, unset fields omitted.
/// </summary>
/// <typeparam name="T">The object the fields belong to.</typeparam>
internal static class Wire<T>
    where T : class
{
    /// <summary><c>callback_url</c>: <see cref="KlingTaskRequest.CallbackUrl"/>, which every kind has (its place in the body is the kind's).</summary>
    public static WireField<T> CallbackUrl { get; } = Url("callback_url", static request => ((object)request as KlingTaskRequest)?.CallbackUrl);

    /// <summary>A string.</summary>
    public static WireField<T> Text(string name, Func<T, string?> get) =>
        new ValueField<T, string>(name, get, static (writer, value) => writer.WriteStringValue(value));

    /// <summary>An extensible string (its wire value is its <c>ToString()</c>).</summary>
    public static WireField<T> Choice<TValue>(string name, Func<T, TValue?> get)
        where TValue : struct =>
        new StructField<T, TValue>(name, get, static (writer, value) => writer.WriteStringValue(value.ToString()));

    /// <summary>An absolute URL.</summary>
    public static WireField<T> Url(string name, Func<T, Uri?> get) =>
        new ValueField<T, Uri>(name, get, static (writer, value) => writer.WriteStringValue(value.AbsoluteUri));

    /// <summary>A number.</summary>
    public static WireField<T> Number(string name, Func<T, double?> get) =>
        new StructField<T, double>(name, get, static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A whole number.</summary>
    public static WireField<T> Integer(string name, Func<T, long?> get) =>
        new StructField<T, long>(name, get, static (writer, value) => writer.WriteNumberValue(value));

    /// <summary>A boolean.</summary>
    public static WireField<T> Flag(string name, Func<T, bool?> get) =>
        new StructField<T, bool>(name, get, static (writer, value) => writer.WriteBooleanValue(value));

    /// <summary>A value without media, written by <paramref name="write"/> (one of <see cref="WireValues"/>).</summary>
    public static WireField<T> Json<TValue>(string name, Func<T, TValue?> get, Action<Utf8JsonWriter, TValue> write)
        where TValue : class =>
        new ValueField<T, TValue>(name, get, write);

    /// <summary>An image: a URL, or local data streamed as raw base64.</summary>
    public static WireField<T> Image(string name, Func<T, KlingImage?> get) => new MediaField<T, KlingImage>(name, get);

    /// <summary>An audio file: a URL, or local data streamed as raw base64.</summary>
    public static WireField<T> Audio(string name, Func<T, KlingAudio?> get) => new MediaField<T, KlingAudio>(name, get);

    /// <summary>An array of images as bare values.</summary>
    public static WireField<T> Images(string name, Func<T, IReadOnlyList<KlingImage?>?> get) => new MediaListField<T>(name, get);

    /// <summary>An object that may hold media, written by its own shape.</summary>
    public static WireField<T> Object<TValue>(string name, Func<T, TValue?> get, WireObject<TValue> shape)
        where TValue : class =>
        new ObjectField<T, TValue>(name, get, shape);

    /// <summary>An array of objects that may hold media, each written by the item's shape.</summary>
    public static WireField<T> Objects<TItem>(string name, Func<T, IReadOnlyList<TItem?>?> get, WireObject<TItem> shape)
        where TItem : class =>
        new ObjectListField<T, TItem>(name, get, shape);

    /// <summary><c>external_task_id</c>, for a kind whose route takes it.</summary>
    public static WireField<T> ExternalTaskId(Func<T, string?> get) => new ExternalTaskIdField<T>(get);
}
