using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends, for every kind: the
/// request's own definition writes it, local media as raw base64 (read synchronously here; the client streams them).
/// Requests are write-only (they may hold files or streams), so reading one back throws <see cref="NotSupportedException"/>.
/// One converter serves every kind, named by each request record's <see cref="JsonConverterAttribute"/>.
/// </summary>
/// <typeparam name="TRequest">The request record the attribute is on.</typeparam>
internal sealed class KlingTaskRequestJsonConverter<TRequest> : JsonConverter<TRequest>
    where TRequest : KlingTaskRequest
{
    /// <inheritdoc/>
    public override TRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(TRequest).Name} is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TRequest value, JsonSerializerOptions options) =>
        MediaFieldWriter.WriteWhole(writer, value.Definition.WriteParts(writer, value, externalTaskId: null));
}
