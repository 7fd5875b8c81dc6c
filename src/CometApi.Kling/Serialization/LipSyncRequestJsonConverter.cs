using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.LipSync;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends (local audio as raw base64);
/// requests are write-only, so reading one back throws <see cref="NotSupportedException"/>. Public so that your own
/// source-generated <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LipSyncRequestJsonConverter : JsonConverter<LipSyncRequest>
{
    /// <inheritdoc/>
    public override LipSyncRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("LipSyncRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, LipSyncRequest value, JsonSerializerOptions options) =>
        MediaFieldWriter.WriteWhole(writer, LipSyncDefinition.Write(writer, value, externalTaskId: null));
}
