using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds.VideoToAudio;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Makes <c>JsonSerializer.Serialize(request)</c> produce exactly the body the client sends; requests are write-only, so
/// reading one back throws <see cref="NotSupportedException"/>. Public so that your own source-generated
/// <see cref="JsonSerializerContext"/> can use it; you do not need to use it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class VideoToAudioRequestJsonConverter : JsonConverter<VideoToAudioRequest>
{
    /// <inheritdoc/>
    public override VideoToAudioRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("VideoToAudioRequest is written to the API, never read back from JSON.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, VideoToAudioRequest value, JsonSerializerOptions options)
    {
        // A video-to-audio body has no local media (the video is a URL or a Kling video id): Write writes it whole.
        foreach (var unused in VideoToAudioDefinition.Write(writer, value, externalTaskId: null))
        {
        }
    }
}
