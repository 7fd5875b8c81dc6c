using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.VirtualTryOn;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends. Requests are write-only:
/// they may hold images that are not JSON (files, streams), so reading one back throws <see cref="NotSupportedException"/>.
/// Public so that your own source-generated <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class VirtualTryOnRequestJsonConverter : JsonConverter<VirtualTryOnRequest>
{
    /// <summary>Chunk size used when a local image is written synchronously here (the client streams it instead).</summary>
    private const int SynchronousChunkSize = 16 * 1024;

    /// <inheritdoc/>
    public override VirtualTryOnRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("VirtualTryOnRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, VirtualTryOnRequest value, JsonSerializerOptions options)
    {
        foreach (var image in VirtualTryOnDefinition.Write(writer, value, externalTaskId: null))
        {
            image.WriteValueAsync(writer, SynchronousChunkSize, flush: false, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
