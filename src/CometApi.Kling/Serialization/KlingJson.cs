using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// The SDK's own JSON for its models, source-generated (no reflection: trim and AOT safe), in the API's wire format:
/// store a task, pass it to another process, print it, and read it back unchanged.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="TaskResponse"/> and <see cref="TaskData"/> (and the models inside them,
/// such as <see cref="TaskResult"/> and <see cref="KlingVideo"/>) are written and read back exactly: the API's field
/// names (<c>task_id</c>, <c>task_status</c>, ...), unknown fields kept in <c>AdditionalProperties</c>, unknown
/// extensible values (<see cref="KlingTaskStatus"/>, <see cref="KlingModel"/>, ...) kept, times as Unix milliseconds
/// (so whole milliseconds, read back in UTC), and <see langword="null"/> properties left out.
/// The requests (<see cref="ImageToVideoRequest"/>, <see cref="TextToVideoRequest"/>, ...) are written exactly as the
/// client sends them (local media as base64), but are never read back: they may hold files or streams. The extensible
/// values (<see cref="KlingTaskStatus"/>, <see cref="KlingModel"/>, <see cref="KlingMode"/>, ...) are also supported on
/// their own, as JSON strings.
/// </para>
/// <para>
/// To use the models beside your own types, put <see cref="TypeInfoResolver"/> in your options' resolver chain with
/// your own source-generated context:
/// <c>options.TypeInfoResolverChain.Add(KlingJson.TypeInfoResolver); options.TypeInfoResolverChain.Add(MyContext.Default);</c>
/// (or <c>TypeInfoResolver = JsonTypeInfoResolver.Combine(KlingJson.TypeInfoResolver, MyContext.Default)</c>), then
/// pass <c>options.GetTypeInfo(typeof(TaskResponse))</c> to <see cref="JsonSerializer"/> (trim and AOT safe). Names and
/// values are the SDK's; settings such as leaving out nulls come from your options
/// (<c>DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull</c> gives this class's output).
/// Keep the SDK's models out of your own context (no <c>[JsonSerializable]</c> of a model, or of a type of yours with
/// a model property): the converters their <see cref="JsonConverterAttribute"/>s name are internal, so your context's
/// generator cannot use them (warning SYSLIB1220) and leaves such types out or writes them wrongly. To hold a model in a
/// type of yours, make that property a <see cref="JsonElement"/> filled by
/// <c>JsonSerializer.SerializeToElement(task, KlingJson.GetTypeInfo&lt;TaskResponse&gt;())</c>, or write your document
/// with a <see cref="Utf8JsonWriter"/> and <see cref="Serialize{T}(Utf8JsonWriter, T)"/>.
/// </para>
/// </remarks>
public static class KlingJson
{
    /// <summary>
    /// The resolver of the SDK's source-generated metadata, for <see cref="JsonTypeInfoResolver.Combine(IJsonTypeInfoResolver?[])"/>
    /// with your own context; it resolves the SDK's models and returns <see langword="null"/> for other types.
    /// </summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => KlingJsonContext.Default;

    /// <summary>
    /// The SDK's metadata for <typeparamref name="T"/> with the SDK's settings, for any <see cref="JsonSerializer"/> call
    /// (streams, <c>JsonNode</c>, ...) without reflection.
    /// </summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskResponse"/>.</typeparam>
    /// <returns>The source-generated metadata for <typeparamref name="T"/>.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models.</exception>
    public static JsonTypeInfo<T> GetTypeInfo<T>() => TypeInfoCache<T>.TypeInfo ?? throw new NotSupportedException(
        $"{typeof(T)} is not one of the SDK's JSON models (TaskResponse, TaskData, the requests, the models inside them, "
        + "and the extensible values such as KlingTaskStatus and KlingModel). "
        + "For your own types, combine KlingJson.TypeInfoResolver with your own JsonSerializerContext.");

    /// <summary>Writes <paramref name="value"/> as JSON in the API's wire format.</summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskResponse"/>.</typeparam>
    /// <param name="value">The model to write.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>());

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON in the API's wire format.</summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskResponse"/>.</typeparam>
    /// <param name="value">The model to write.</param>
    /// <returns>The UTF-8 JSON bytes.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    /// <summary>
    /// Writes <paramref name="value"/> as the next JSON value of <paramref name="writer"/>, e.g. as one property of a
    /// larger document; indentation and escaping follow the writer's own options.
    /// </summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskData"/>.</typeparam>
    /// <param name="writer">The writer to write to.</param>
    /// <param name="value">The model to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models.</exception>
    public static void Serialize<T>(Utf8JsonWriter writer, T value)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        JsonSerializer.Serialize(writer, value, GetTypeInfo<T>());
    }

    /// <summary>Reads a model from JSON in the API's wire format (what <see cref="Serialize{T}(T)"/> wrote, or the service sent).</summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskResponse"/>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not valid JSON, does not fit <typeparamref name="T"/>, or is the JSON <c>null</c>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models, or is a request (such as <see cref="ImageToVideoRequest"/>), which is never read back.</exception>
    public static T Deserialize<T>(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        return NotNull(JsonSerializer.Deserialize(json, GetTypeInfo<T>()));
    }

    /// <summary>Reads a model from UTF-8 JSON in the API's wire format (what <see cref="SerializeToUtf8Bytes{T}(T)"/> wrote, or the service sent).</summary>
    /// <typeparam name="T">One of the SDK's models, e.g. <see cref="TaskResponse"/>.</typeparam>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <returns>The model.</returns>
    /// <exception cref="JsonException">The bytes are not valid JSON, do not fit <typeparamref name="T"/>, or are the JSON <c>null</c>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the SDK's models, or is a request (such as <see cref="ImageToVideoRequest"/>), which is never read back.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => NotNull(JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>()));

    private static T NotNull<T>(T? value) =>
        value ?? throw new JsonException($"The JSON is null; expected a {typeof(T).Name}.");

    /// <summary>One lookup per type, not one per call.</summary>
    private static class TypeInfoCache<T>
    {
        public static readonly JsonTypeInfo<T>? TypeInfo = KlingJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }
}
